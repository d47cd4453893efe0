/**
 * The criteria-set file format (`criteria/<set-id>/v<version>.json`), as TypeBox schemas that are
 * also the types. The questions are a FHIR R4 Questionnaire (http://hl7.org/fhir/R4/questionnaire.html)
 * so that the portal and Da Vinci DTR 2.0.1 show the same questions; the schema checks the part
 * of R4 the engine relies on and lets every other R4 element through.
 */
import { Type, type Static } from 'typebox';

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const IsoDateString = Type.String({ pattern: ISO_DATE });
const Text = Type.String({ minLength: 1 });

export const CodeSystemSchema = Type.Union([Type.Literal('CPT'), Type.Literal('HCPCS'), Type.Literal('REV')]);

export const CodeSpecSchema = Type.Union([
  Type.Object({ system: CodeSystemSchema, code: Text }, { additionalProperties: false }),
  Type.Object({ system: CodeSystemSchema, from: Text, to: Text }, { additionalProperties: false }),
]);

const CodingSchema = Type.Object({
  system: Type.Optional(Type.String({ minLength: 1 })),
  code: Text,
  display: Type.Optional(Type.String()),
});

const QuantitySchema = Type.Object({
  value: Type.Optional(Type.Number()),
  unit: Type.Optional(Type.String()),
  system: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
});

/** R4 item types (http://hl7.org/fhir/R4/valueset-item-type.html); `question` is abstract. */
const ItemTypeSchema = Type.Union([
  Type.Literal('group'), Type.Literal('display'), Type.Literal('boolean'), Type.Literal('decimal'),
  Type.Literal('integer'), Type.Literal('date'), Type.Literal('dateTime'), Type.Literal('time'),
  Type.Literal('string'), Type.Literal('text'), Type.Literal('url'), Type.Literal('choice'),
  Type.Literal('open-choice'), Type.Literal('attachment'), Type.Literal('reference'), Type.Literal('quantity'),
]);

/** R4 enableWhen operators (http://hl7.org/fhir/R4/valueset-questionnaire-enable-operator.html). */
const OperatorSchema = Type.Union([
  Type.Literal('exists'), Type.Literal('='), Type.Literal('!='), Type.Literal('>'),
  Type.Literal('<'), Type.Literal('>='), Type.Literal('<='),
]);

const EnableWhenSchema = Type.Object({
  question: Text,
  operator: OperatorSchema,
  answerBoolean: Type.Optional(Type.Boolean()),
  answerDecimal: Type.Optional(Type.Number()),
  answerInteger: Type.Optional(Type.Integer()),
  answerDate: Type.Optional(IsoDateString),
  answerString: Type.Optional(Type.String()),
  answerCoding: Type.Optional(CodingSchema),
  answerQuantity: Type.Optional(QuantitySchema),
});

const ExtensionSchema = Type.Object({ url: Text });

const AnswerOptionSchema = Type.Object({
  valueCoding: CodingSchema,
  initialSelected: Type.Optional(Type.Boolean()),
  extension: Type.Optional(Type.Array(ExtensionSchema)),
});

export const QuestionnaireItemSchema = Type.Cyclic({
  Item: Type.Object({
    linkId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.\\-]*$' }),
    text: Type.Optional(Type.String()),
    prefix: Type.Optional(Type.String()),
    type: ItemTypeSchema,
    required: Type.Optional(Type.Boolean()),
    repeats: Type.Optional(Type.Boolean()),
    readOnly: Type.Optional(Type.Boolean()),
    enableWhen: Type.Optional(Type.Array(EnableWhenSchema, { minItems: 1 })),
    enableBehavior: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('any')])),
    answerOption: Type.Optional(Type.Array(AnswerOptionSchema, { minItems: 1 })),
    extension: Type.Optional(Type.Array(ExtensionSchema)),
    item: Type.Optional(Type.Array(Type.Ref('Item'), { minItems: 1 })),
  }),
}, 'Item');

export const QuestionnaireSchema = Type.Object({
  resourceType: Type.Literal('Questionnaire'),
  url: Type.String({ pattern: '^https?://\\S+$' }),
  version: Text,
  name: Type.Optional(Type.String({ pattern: '^[A-Z][A-Za-z0-9_]{0,254}$' })),
  title: Text,
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('retired'), Type.Literal('unknown')]),
  /** DTR requires Patient (dtr-std-questionnaire); the sets are about one member. */
  subjectType: Type.Optional(Type.Array(Type.Literal('Patient'), { minItems: 1, maxItems: 1 })),
  date: Type.Optional(Type.String()),
  publisher: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  item: Type.Array(QuestionnaireItemSchema, { minItems: 1 }),
});

export const CriterionSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9_.\\-]*$' }),
  text: Text,
  citation: Text,
  expression: Text,
}, { additionalProperties: false });

/** All-of / any-of groups of criterion ids, as the source text combines them. */
export const LogicSchema = Type.Cyclic({
  Node: Type.Union([
    Type.String({ minLength: 1 }),
    Type.Object({ allOf: Type.Array(Type.Ref('Node'), { minItems: 1 }) }, { additionalProperties: false }),
    Type.Object({ anyOf: Type.Array(Type.Ref('Node'), { minItems: 1 }) }, { additionalProperties: false }),
  ]),
}, 'Node');

export const SourceSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('cms-ncd'), Type.Literal('cms-lcd'), Type.Literal('cfr'), Type.Literal('cms-manual'),
    Type.Literal('plan-policy'), Type.Literal('licensed'),
  ]),
  reference: Text,
  title: Text,
  citation: Text,
  url: Type.Optional(Type.String({ pattern: '^https?://\\S+$' })),
  version: Type.Optional(Type.String()),
  effectiveDate: Type.Optional(IsoDateString),
  related: Type.Optional(Type.Array(Text)),
}, { additionalProperties: false });

/** Who signed this version off. Shipped sets are all `reviewed: false`. */
export const ClinicalReviewSchema = Type.Union([
  Type.Object({ reviewed: Type.Literal(false), statement: Text }, { additionalProperties: false }),
  Type.Object({
    reviewed: Type.Literal(true),
    by: Text,
    credentials: Text,
    on: IsoDateString,
    statement: Type.Optional(Text),
  }, { additionalProperties: false }),
]);

export const CriteriaSetSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9.\\-]*$' }),
  version: Type.String({ pattern: '^\\d+(\\.\\d+){0,2}$' }),
  title: Text,
  description: Type.Optional(Text),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('retired')]),
  effective: Type.Object({ from: IsoDateString, to: Type.Optional(IsoDateString) }, { additionalProperties: false }),
  appliesTo: Type.Array(CodeSpecSchema, { minItems: 1 }),
  source: SourceSchema,
  clinicallyReviewed: ClinicalReviewSchema,
  questionnaire: QuestionnaireSchema,
  criteria: Type.Array(CriterionSchema, { minItems: 1 }),
  logic: LogicSchema,
  notes: Type.Optional(Type.Array(Text)),
}, { additionalProperties: false });

export type QuestionnaireItemDef = Static<typeof QuestionnaireItemSchema>;
export type QuestionnaireDef = Static<typeof QuestionnaireSchema>;
export type EnableWhenDef = NonNullable<QuestionnaireItemDef['enableWhen']>[number];
export type CriterionDef = Static<typeof CriterionSchema>;
export type LogicNode = Static<typeof LogicSchema>;
export type CriteriaSource = Static<typeof SourceSchema>;
export type ClinicalReview = Static<typeof ClinicalReviewSchema>;
export type CriteriaSetDef = Static<typeof CriteriaSetSchema>;

/** A validated criteria set. Treat it as immutable: it is frozen onto cases as it is. */
export type CriteriaSet = Readonly<CriteriaSetDef>;
