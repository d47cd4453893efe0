/**
 * The part of a FHIR R4 QuestionnaireResponse (http://hl7.org/fhir/R4/questionnaireresponse.html)
 * that request bodies carry: the items and their answers. Other R4 elements are let through; the
 * values are read against the Questionnaire item types by the criteria engine (`extractAnswers`),
 * which reports each unreadable answer instead of guessing.
 */
import { Type, type Static } from 'typebox';

const Coding = Type.Object({
  system: Type.Optional(Type.String({ maxLength: 500 })),
  version: Type.Optional(Type.String({ maxLength: 100 })),
  code: Type.Optional(Type.String({ maxLength: 200 })),
  display: Type.Optional(Type.String({ maxLength: 500 })),
});

const Quantity = Type.Object({
  value: Type.Optional(Type.Number()),
  unit: Type.Optional(Type.String({ maxLength: 100 })),
  system: Type.Optional(Type.String({ maxLength: 500 })),
  code: Type.Optional(Type.String({ maxLength: 100 })),
});

const Items = Type.Cyclic(
  {
    Item: Type.Object({
      linkId: Type.String({ minLength: 1, maxLength: 200 }),
      text: Type.Optional(Type.String({ maxLength: 2000 })),
      answer: Type.Optional(Type.Array(Type.Ref('Answer'), { maxItems: 100 })),
      item: Type.Optional(Type.Array(Type.Ref('Item'), { maxItems: 500 })),
    }),
    Answer: Type.Object({
      valueBoolean: Type.Optional(Type.Boolean()),
      valueDecimal: Type.Optional(Type.Number()),
      valueInteger: Type.Optional(Type.Integer()),
      valueDate: Type.Optional(Type.String({ maxLength: 40 })),
      valueDateTime: Type.Optional(Type.String({ maxLength: 40 })),
      valueTime: Type.Optional(Type.String({ maxLength: 40 })),
      valueString: Type.Optional(Type.String({ maxLength: 10000 })),
      valueUri: Type.Optional(Type.String({ maxLength: 2000 })),
      valueCoding: Type.Optional(Coding),
      valueQuantity: Type.Optional(Quantity),
      item: Type.Optional(Type.Array(Type.Ref('Item'), { maxItems: 500 })),
    }),
  },
  'Item',
);

export const QuestionnaireResponseBody = Type.Object({
  resourceType: Type.Literal('QuestionnaireResponse'),
  id: Type.Optional(Type.String({ maxLength: 64 })),
  questionnaire: Type.Optional(Type.String({ maxLength: 500, description: 'canonical of the criteria set\'s Questionnaire, `url|version`' })),
  status: Type.Union([Type.Literal('in-progress'), Type.Literal('completed'), Type.Literal('amended'), Type.Literal('entered-in-error'), Type.Literal('stopped')]),
  authored: Type.Optional(Type.String({ maxLength: 40 })),
  item: Type.Optional(Type.Array(Items, { maxItems: 500 })),
});

export type QuestionnaireResponseBodyType = Static<typeof QuestionnaireResponseBody>;
