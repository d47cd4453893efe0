CREATE SEQUENCE "public"."case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1;--> statement-breakpoint
CREATE TABLE "contract_dofr" (
	"tenant_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"service_group" text NOT NULL,
	"responsibility" text NOT NULL,
	CONSTRAINT "contract_dofr_tenant_id_contract_id_service_group_pk" PRIMARY KEY("tenant_id","contract_id","service_group"),
	CONSTRAINT "contract_dofr_responsibility_check" CHECK ("contract_dofr"."responsibility" in ('ipa', 'plan', 'shared'))
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"plan_org_id" uuid NOT NULL,
	"delegate_org_id" uuid NOT NULL,
	"line_of_business" text NOT NULL,
	"um_delegated" boolean NOT NULL,
	"auth_validity_days" integer DEFAULT 90 NOT NULL,
	"review_contracted_retro" boolean DEFAULT true NOT NULL,
	"admission_notification_hours" integer DEFAULT 24 NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contracts_plan_delegate_lob" UNIQUE("tenant_id","plan_org_id","delegate_org_id","line_of_business","effective_from"),
	CONSTRAINT "contracts_lob_check" CHECK ("contracts"."line_of_business" in ('medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp')),
	CONSTRAINT "contracts_validity_check" CHECK ("contracts"."auth_validity_days" between 1 and 730)
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"npi" text,
	"tax_id" text,
	"payer_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('health_plan', 'mso', 'ipa', 'provider_group'))
);
--> statement-breakpoint
CREATE TABLE "reviewer_matrix" (
	"tenant_id" uuid NOT NULL,
	"service_category" text NOT NULL,
	"line_of_business" text NOT NULL,
	"credential" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviewer_matrix_tenant_id_service_category_line_of_business_credential_pk" PRIMARY KEY("tenant_id","service_category","line_of_business","credential")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"time_zone" text NOT NULL,
	"sandbox" boolean DEFAULT false NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug"),
	CONSTRAINT "tenants_kind_check" CHECK ("tenants"."kind" in ('health_plan', 'mso', 'ipa'))
);
--> statement-breakpoint
CREATE TABLE "coverages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"plan_org_id" uuid NOT NULL,
	"contract_id" uuid,
	"ipa_org_id" uuid,
	"pbp" text,
	"line_of_business" text NOT NULL,
	"product_type" text NOT NULL,
	"state" text,
	"funding" text,
	"pcp_provider_id" uuid,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coverages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coverages_span_unique" UNIQUE("tenant_id","member_id","plan_org_id","effective_from"),
	CONSTRAINT "coverages_lob_check" CHECK ("coverages"."line_of_business" in ('medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp'))
);
--> statement-breakpoint
CREATE TABLE "members" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_number" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"address_line" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "members_number_unique" UNIQUE("tenant_id","member_number"),
	CONSTRAINT "members_sex_check" CHECK ("members"."sex" in ('F', 'M', 'U'))
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"npi" text NOT NULL,
	"tax_id" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"taxonomy" text,
	"specialty" text,
	"network_status" text NOT NULL,
	"provider_org_id" uuid,
	"state" text,
	"phone" text,
	"fax" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "providers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "providers_npi_unique" UNIQUE("tenant_id","npi"),
	CONSTRAINT "providers_kind_check" CHECK ("providers"."kind" in ('practitioner', 'facility')),
	CONSTRAINT "providers_network_check" CHECK ("providers"."network_status" in ('in_network', 'out_of_network'))
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text,
	"scopes" text[] NOT NULL,
	"jwks" jsonb,
	"jwks_url" text,
	"provider_org_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "clients_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_subject_check" CHECK ("sessions"."subject_type" in ('user', 'client'))
);
--> statement-breakpoint
CREATE TABLE "user_organisations" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "user_organisations_tenant_id_user_id_organisation_id_pk" PRIMARY KEY("tenant_id","user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"credential" text,
	"licence_state" text,
	"specialty" text,
	"provider_org_id" uuid,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals', 'provider', 'admin', 'auditor'))
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_type" text NOT NULL,
	"uploaded_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_diagnoses" (
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"system" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "case_diagnoses_tenant_id_case_id_seq_pk" PRIMARY KEY("tenant_id","case_id","seq"),
	CONSTRAINT "case_diagnoses_system_check" CHECK ("case_diagnoses"."system" in ('ICD-10-CM', 'ICD-9-CM'))
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"author_type" text NOT NULL,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "case_notes_kind_check" CHECK ("case_notes"."kind" in ('note', 'phone_call', 'peer_to_peer', 'info_request', 'info_response', 'referral', 'specialist_opinion', 'system')),
	CONSTRAINT "case_notes_visibility_check" CHECK ("case_notes"."visibility" in ('internal', 'provider'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"kind" text NOT NULL,
	"priority" text NOT NULL,
	"expedite_requested_by" text,
	"expedite_physician_supported" boolean DEFAULT false NOT NULL,
	"requester_type" text NOT NULL,
	"channel" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"disposition" text DEFAULT 'pending' NOT NULL,
	"assigned_user_id" uuid,
	"member_id" uuid NOT NULL,
	"coverage_id" uuid,
	"contract_id" uuid,
	"plan_org_id" uuid,
	"ipa_org_id" uuid,
	"line_of_business" text,
	"eligibility" text NOT NULL,
	"eligibility_note" text,
	"requesting_provider_id" uuid,
	"servicing_provider_id" uuid,
	"facility_id" uuid,
	"submitter_org_id" uuid,
	"related_case_id" uuid,
	"source_format" text,
	"source_payload" text,
	"close_reason" text,
	"pend_message" text,
	"pended_from_status" text,
	"created_by_type" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "cases_number_unique" UNIQUE("tenant_id","case_number"),
	CONSTRAINT "cases_kind_check" CHECK ("cases"."kind" in ('prior_auth', 'referral', 'admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization', 'retrospective', 'reconsideration')),
	CONSTRAINT "cases_priority_check" CHECK ("cases"."priority" in ('standard', 'expedited')),
	CONSTRAINT "cases_expedite_check" CHECK ("cases"."expedite_requested_by" in ('member', 'representative', 'physician', 'plan')),
	CONSTRAINT "cases_requester_check" CHECK ("cases"."requester_type" in ('member', 'representative', 'contracted_provider', 'non_contracted_provider')),
	CONSTRAINT "cases_channel_check" CHECK ("cases"."channel" in ('portal', 'fax', 'phone', 'email', 'mail', 'fhir', 'x12')),
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('intake', 'nurse_review', 'md_review', 'pended_info', 'decided', 'forwarded_to_plan', 'withdrawn', 'cancelled')),
	CONSTRAINT "cases_disposition_check" CHECK ("cases"."disposition" in ('pending', 'approved', 'partially_approved', 'denied', 'no_auth_required', 'withdrawn', 'cancelled', 'forwarded_to_plan')),
	CONSTRAINT "cases_lob_check" CHECK ("cases"."line_of_business" in ('medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp')),
	CONSTRAINT "cases_eligibility_check" CHECK ("cases"."eligibility" in ('eligible', 'not_covered', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"tenant_id" uuid NOT NULL,
	"submitter" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"case_id" uuid NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_submitter_key_pk" PRIMARY KEY("tenant_id","submitter","key")
);
--> statement-breakpoint
CREATE TABLE "service_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"code_system" text NOT NULL,
	"code" text NOT NULL,
	"modifiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"units" numeric(12, 2) NOT NULL,
	"unit_type" text NOT NULL,
	"from_date" date,
	"to_date" date,
	"place_of_service" text,
	"service_group" text NOT NULL,
	"responsibility" text NOT NULL,
	"requirement" text DEFAULT 'unknown' NOT NULL,
	"subject_to_pa" boolean DEFAULT true NOT NULL,
	"ndc" text,
	"dose" text,
	"frequency" text,
	"site_of_care" text,
	"part_b" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"approved_units" numeric(12, 2),
	"approved_from" date,
	"approved_to" date,
	"authorization_number" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "service_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_lines_case_line" UNIQUE("tenant_id","case_id","line_no"),
	CONSTRAINT "service_lines_system_check" CHECK ("service_lines"."code_system" in ('CPT', 'HCPCS', 'REV', 'NDC')),
	CONSTRAINT "service_lines_responsibility_check" CHECK ("service_lines"."responsibility" in ('ipa', 'plan', 'shared')),
	CONSTRAINT "service_lines_requirement_check" CHECK ("service_lines"."requirement" in ('required', 'notification_only', 'not_required', 'unknown')),
	CONSTRAINT "service_lines_outcome_check" CHECK ("service_lines"."outcome" in ('approved', 'approved_modified', 'denied', 'no_auth_required', 'withdrawn', 'forwarded')),
	CONSTRAINT "service_lines_units_check" CHECK ("service_lines"."units" > 0),
	CONSTRAINT "service_lines_dates_check" CHECK ("service_lines"."to_date" is null or "service_lines"."from_date" is null or "service_lines"."to_date" >= "service_lines"."from_date")
);
--> statement-breakpoint
CREATE TABLE "determinations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"approved_units" numeric(12, 2),
	"approved_from" date,
	"approved_to" date,
	"approved_code" text,
	"approved_place_of_service" text,
	"category" text,
	"reason_code" text,
	"reason" text,
	"basis_kind" text NOT NULL,
	"criteria_set_id" text,
	"criteria_set_version" text,
	"criterion_id" text,
	"coverage_rule" text,
	"decided_by_type" text NOT NULL,
	"decided_by_id" text NOT NULL,
	"decided_by_role" text NOT NULL,
	"decided_by_credential" text,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"authorization_number" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "determinations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "determinations_outcome_check" CHECK ("determinations"."outcome" in ('approved', 'approved_modified', 'denied', 'no_auth_required', 'withdrawn', 'forwarded')),
	CONSTRAINT "determinations_category_check" CHECK ("determinations"."category" in ('medical_necessity', 'benefit', 'eligibility', 'network', 'insufficient_information', 'administrative')),
	CONSTRAINT "determinations_basis_check" CHECK ("determinations"."basis_kind" in ('criteria', 'coverage_rule', 'eligibility', 'gold_card', 'dofr', 'reviewer_judgement')),
	CONSTRAINT "determinations_adverse_reason_check" CHECK ("determinations"."outcome" not in ('denied', 'approved_modified') or ("determinations"."category" is not null and "determinations"."reason_code" is not null and length("determinations"."reason") > 0)),
	CONSTRAINT "determinations_system_never_adverse" CHECK ("determinations"."decided_by_type" <> 'system' or "determinations"."outcome" in ('approved', 'no_auth_required', 'forwarded'))
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"tenant_id" uuid NOT NULL,
	"chain_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_chain_heads_tenant_id_chain_id_pk" PRIMARY KEY("tenant_id","chain_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"tenant_id" uuid NOT NULL,
	"chain_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"case_id" uuid,
	"ip" text,
	"request_id" text,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_tenant_id_chain_id_seq_pk" PRIMARY KEY("tenant_id","chain_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audit_seals" (
	"tenant_id" uuid NOT NULL,
	"seal_no" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"heads" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_seals_tenant_id_seal_no_pk" PRIMARY KEY("tenant_id","seal_no")
);
--> statement-breakpoint
ALTER TABLE "contract_dofr" ADD CONSTRAINT "contract_dofr_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_id_plan_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_tenant_id_delegate_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","delegate_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_matrix" ADD CONSTRAINT "reviewer_matrix_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_tenant_id_member_id_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "public"."members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_tenant_id_plan_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverages" ADD CONSTRAINT "coverages_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_tenant_id_provider_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","provider_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_organisations" ADD CONSTRAINT "user_organisations_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_organisations" ADD CONSTRAINT "user_organisations_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_provider_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","provider_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_diagnoses" ADD CONSTRAINT "case_diagnoses_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_member_id_members_tenant_id_id_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "public"."members"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_coverage_id_coverages_tenant_id_id_fk" FOREIGN KEY ("tenant_id","coverage_id") REFERENCES "public"."coverages"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_contract_id_contracts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_plan_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_ipa_org_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","ipa_org_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_requesting_provider_id_providers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","requesting_provider_id") REFERENCES "public"."providers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_servicing_provider_id_providers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","servicing_provider_id") REFERENCES "public"."providers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_facility_id_providers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","facility_id") REFERENCES "public"."providers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_lines" ADD CONSTRAINT "service_lines_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_tenant_id_line_id_service_lines_tenant_id_id_fk" FOREIGN KEY ("tenant_id","line_id") REFERENCES "public"."service_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_seals" ADD CONSTRAINT "audit_seals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reviewer_matrix_lookup" ON "reviewer_matrix" USING btree ("tenant_id","credential");--> statement-breakpoint
CREATE INDEX "members_name_idx" ON "members" USING btree ("tenant_id","last_name","first_name");--> statement-breakpoint
CREATE INDEX "providers_name_idx" ON "providers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "sessions_expiry_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "attachments_case_idx" ON "attachments" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("tenant_id","case_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE INDEX "cases_member_idx" ON "cases" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("tenant_id","assigned_user_id");--> statement-breakpoint
CREATE INDEX "cases_submitter_idx" ON "cases" USING btree ("tenant_id","submitter_org_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_lines_auth_number" ON "service_lines" USING btree ("tenant_id","authorization_number") WHERE authorization_number is not null;--> statement-breakpoint
CREATE INDEX "service_lines_member_code_idx" ON "service_lines" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "determinations_case_idx" ON "determinations" USING btree ("tenant_id","case_id","decided_at");--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("tenant_id","case_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_record_idx" ON "audit_events" USING btree ("tenant_id","record_type","record_id");