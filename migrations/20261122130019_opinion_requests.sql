CREATE TABLE "opinion_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"specialist_user_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"question_note_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answer_note_id" uuid,
	"answered_at" timestamp with time zone,
	CONSTRAINT "opinion_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "opinion_requests" ADD CONSTRAINT "opinion_requests_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opinion_requests_open_idx" ON "opinion_requests" USING btree ("tenant_id","specialist_user_id","answered_at");