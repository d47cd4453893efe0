CREATE TABLE "case_duplicates" (
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"other_case_id" uuid NOT NULL,
	"other_line_id" uuid NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_duplicates_tenant_id_line_id_other_line_id_pk" PRIMARY KEY("tenant_id","line_id","other_line_id")
);
--> statement-breakpoint
CREATE TABLE "criteria_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid,
	"channel" text NOT NULL,
	"requester_name" text NOT NULL,
	"requester_organisation" text,
	"requester_contact" text,
	"received_at" timestamp with time zone NOT NULL,
	"subject" text,
	"visit_scheduled_for" date,
	"form_received" boolean,
	"met_by" text,
	"status" text NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilled_by_name" text,
	"fulfilment_method" text,
	"disclosed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"logged_by_type" text NOT NULL,
	"logged_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "criteria_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "criteria_requests_channel_check" CHECK ("criteria_requests"."channel" in ('portal', 'api', 'phone', 'mail', 'fax', 'on_site')),
	CONSTRAINT "criteria_requests_status_check" CHECK ("criteria_requests"."status" in ('open', 'fulfilled'))
);
--> statement-breakpoint
CREATE TABLE "criteria_set_versions" (
	"tenant_id" uuid NOT NULL,
	"set_id" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source_kind" text NOT NULL,
	"source_citation" text NOT NULL,
	"clinically_reviewed" boolean NOT NULL,
	"document" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	"loaded_by" text NOT NULL,
	"activated" boolean DEFAULT false NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" text,
	CONSTRAINT "criteria_set_versions_tenant_id_set_id_version_pk" PRIMARY KEY("tenant_id","set_id","version"),
	CONSTRAINT "criteria_set_versions_status_check" CHECK ("criteria_set_versions"."status" in ('draft', 'active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "gold_card_exemptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"provider_kind" text NOT NULL,
	"provider_value" text NOT NULL,
	"service_group" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"approved" integer NOT NULL,
	"counted" integer NOT NULL,
	"approval_percent" numeric(5, 1) NOT NULL,
	"evaluation_from" date NOT NULL,
	"evaluation_to" date NOT NULL,
	"citation" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gold_card_exemptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "gold_card_exemptions_kind_check" CHECK ("gold_card_exemptions"."provider_kind" in ('npi', 'tin'))
);
--> statement-breakpoint
CREATE TABLE "line_criteria" (
	"tenant_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"result" text NOT NULL,
	"requirement" text NOT NULL,
	"decided_by" text NOT NULL,
	"pa_rule_id" text,
	"pa_rule_version" integer,
	"pa_service_group" text,
	"criteria_set_id" text,
	"criteria_set_version" text,
	"criteria_outcome" text,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"logic" jsonb,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"answer_problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"exemption" jsonb,
	"questionnaire_response" jsonb,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "line_criteria_tenant_id_line_id_pk" PRIMARY KEY("tenant_id","line_id"),
	CONSTRAINT "line_criteria_result_check" CHECK ("line_criteria"."result" in ('approve', 'refer_to_review', 'no_authorization_required', 'notification_only', 'not_evaluated')),
	CONSTRAINT "line_criteria_outcome_check" CHECK ("line_criteria"."criteria_outcome" in ('met', 'not_met', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "pa_rules" (
	"tenant_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"version" integer NOT NULL,
	"current" boolean NOT NULL,
	"status" text NOT NULL,
	"code_system" text NOT NULL,
	"code_from" text NOT NULL,
	"code_to" text,
	"product" text,
	"places_of_service" text[] DEFAULT '{}'::text[] NOT NULL,
	"network_status" text,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"requirement" text NOT NULL,
	"subject_to_422_122" boolean NOT NULL,
	"criteria_set_id" text,
	"documents" text[] DEFAULT '{}'::text[] NOT NULL,
	"validity_kind" text NOT NULL,
	"validity_days" integer,
	"service_group" text NOT NULL,
	"changed_by_type" text NOT NULL,
	"changed_by_id" text NOT NULL,
	"change_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pa_rules_tenant_id_contract_id_rule_id_version_pk" PRIMARY KEY("tenant_id","contract_id","rule_id","version"),
	CONSTRAINT "pa_rules_status_check" CHECK ("pa_rules"."status" in ('active', 'retired')),
	CONSTRAINT "pa_rules_system_check" CHECK ("pa_rules"."code_system" in ('CPT', 'HCPCS', 'REV')),
	CONSTRAINT "pa_rules_requirement_check" CHECK ("pa_rules"."requirement" in ('required', 'notification_only', 'not_required')),
	CONSTRAINT "pa_rules_network_check" CHECK ("pa_rules"."network_status" in ('in_network', 'out_of_network')),
	CONSTRAINT "pa_rules_validity_check" CHECK ("pa_rules"."validity_kind" in ('window', 'course_of_treatment')),
	CONSTRAINT "pa_rules_version_check" CHECK ("pa_rules"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "out_of_network_reason" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "out_of_network_explanation" text;--> statement-breakpoint
ALTER TABLE "service_lines" ADD COLUMN "criteria_set_id" text;--> statement-breakpoint
ALTER TABLE "service_lines" ADD COLUMN "criteria_set_version" text;--> statement-breakpoint
ALTER TABLE "service_lines" ADD COLUMN "criteria_met" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_duplicates" ADD CONSTRAINT "case_duplicates_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_duplicates" ADD CONSTRAINT "case_duplicates_tenant_id_other_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","other_case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_requests" ADD CONSTRAINT "criteria_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_requests" ADD CONSTRAINT "criteria_requests_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_set_versions" ADD CONSTRAINT "criteria_set_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gold_card_exemptions" ADD CONSTRAINT "gold_card_exemptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_criteria" ADD CONSTRAINT "line_criteria_tenant_id_line_id_service_lines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."service_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "line_criteria" ADD CONSTRAINT "line_criteria_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pa_rules" ADD CONSTRAINT "pa_rules_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_duplicates_case_idx" ON "case_duplicates" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_duplicates_other_idx" ON "case_duplicates" USING btree ("tenant_id","other_case_id");--> statement-breakpoint
CREATE INDEX "criteria_requests_case_idx" ON "criteria_requests" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "criteria_requests_received_idx" ON "criteria_requests" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "criteria_set_versions_active" ON "criteria_set_versions" USING btree ("tenant_id","set_id") WHERE activated;--> statement-breakpoint
CREATE UNIQUE INDEX "gold_card_exemptions_unique" ON "gold_card_exemptions" USING btree ("tenant_id","provider_kind","provider_value","service_group","start_date");--> statement-breakpoint
CREATE INDEX "gold_card_exemptions_lookup" ON "gold_card_exemptions" USING btree ("tenant_id","service_group","end_date");--> statement-breakpoint
CREATE INDEX "line_criteria_case_idx" ON "line_criteria" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pa_rules_current" ON "pa_rules" USING btree ("tenant_id","contract_id","rule_id") WHERE current;--> statement-breakpoint
CREATE INDEX "pa_rules_lookup" ON "pa_rules" USING btree ("tenant_id","contract_id","code_system") WHERE current and status = 'active';--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_oon_reason_check" CHECK ("cases"."out_of_network_reason" in ('not_available_in_network', 'ongoing_course_of_treatment'));