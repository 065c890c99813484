# Sourced by the tools' scripts (from the repository root): compiles ingest-service and sets CP to its runtime classpath.
mvn -B -q -o -pl ingest-service compile dependency:build-classpath \
  -Dmdep.outputFile=target/runtime.cp -Dmdep.includeScope=runtime >/dev/null
CP="ingest-service/target/classes:$(cat ingest-service/target/runtime.cp)"
