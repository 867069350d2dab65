# Used by `sam build` (BuildMethod: makefile in template.yaml): it copies the project, sets ARTIFACTS_DIR and
# runs build-<LogicalId>. Each target builds the function's jar with Maven and ships it as the deployment
# package (Lambda puts lib/*.jar on the class path): the very jar bin/invoke runs locally.

build-CdnPurgeFunction:
	bin/build -pl functions/cdn-purge -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/cdn-purge/target/cdn-purge.jar "$(ARTIFACTS_DIR)/lib/"

.PHONY: build-CdnPurgeFunction

build-MaintenanceToPagerDutyFunction:
	bin/build -pl functions/maintenance-to-pagerduty -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/maintenance-to-pagerduty/target/maintenance-to-pagerduty.jar "$(ARTIFACTS_DIR)/lib/"

.PHONY: build-MaintenanceToPagerDutyFunction

build-HealthToGitHubFunction:
	bin/build -pl functions/health-to-github -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/health-to-github/target/health-to-github.jar "$(ARTIFACTS_DIR)/lib/"

.PHONY: build-HealthToGitHubFunction

build-PurgeStatusFunction:
	bin/build -pl functions/purge-status -am
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp functions/purge-status/target/purge-status.jar "$(ARTIFACTS_DIR)/lib/"

.PHONY: build-PurgeStatusFunction
