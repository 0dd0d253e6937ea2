@echo off
rem Starts the Vigil collector inside a HostProcess container. The image is mounted at
rem %%CONTAINER_SANDBOX_MOUNT_POINT%%; the process itself runs on the node, so host paths
rem (C:\var\log\pods, the Event Log, VIGIL_DATA_DIR) are the node's own.
set VIGIL_HOME=%CONTAINER_SANDBOX_MOUNT_POINT%\vigil
if "%JAVA_OPTS%"=="" set JAVA_OPTS=-Xmx256m -XX:+ExitOnOutOfMemoryError
rem Kafka client settings (TLS, SASL) mounted by deploy/k8s/overlays/external: HostProcess
rem volumes appear under the sandbox mount point.
set KAFKA_CLIENT=%CONTAINER_SANDBOX_MOUNT_POINT%\etc\vigil\kafka\kafka.properties
if exist "%KAFKA_CLIENT%" set QUARKUS_CONFIG_LOCATIONS=%KAFKA_CLIENT%
"%VIGIL_HOME%\jre\bin\java.exe" %JAVA_OPTS% -jar "%VIGIL_HOME%\app\quarkus-run.jar"
