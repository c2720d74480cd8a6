{{/* Names, labels and the values several templates derive. */}}

{{- define "frontdesk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "frontdesk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A name derived from the full name: (list $ "suffix"). */}}
{{- define "frontdesk.child" -}}
{{- $top := index . 0 -}}
{{- printf "%s-%s" (include "frontdesk.fullname" $top | trunc (int (sub 62 (len (index . 1))))) (index . 1) | trimSuffix "-" -}}
{{- end -}}

{{- define "frontdesk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "frontdesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "frontdesk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "frontdesk.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: frontdesk
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.annotations of every object, merged with the object's own: (list $ $own). */}}
{{- define "frontdesk.annotations" -}}
{{- $all := merge (deepCopy (index . 1 | default dict)) ((index . 0).Values.commonAnnotations | default dict) -}}
{{- with $all -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "frontdesk.image" -}}
{{- $repository := .Values.image.repository -}}
{{- if .Values.image.registry -}}
{{- $repository = printf "%s/%s" .Values.image.registry .Values.image.repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* "true" when a pool takes its members from the service registry, which in Kubernetes is the API server. */}}
{{- define "frontdesk.watchesServices" -}}
{{- range $name, $pool := .Values.frontdesk.pools -}}
{{- if and $pool $pool.discovery (eq (toString $pool.discovery.type) "service-registry") -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{/* The pods need a token for the API server only when they watch Services. */}}
{{- define "frontdesk.automountToken" -}}
{{- or .Values.serviceAccount.automountServiceAccountToken (eq (include "frontdesk.watchesServices" .) "true") -}}
{{- end -}}

{{- define "frontdesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "frontdesk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret the default certificate comes from, or nothing (self-signed). */}}
{{- define "frontdesk.tlsSecret" -}}
{{- if .Values.tls.existingSecret -}}
{{- .Values.tls.existingSecret -}}
{{- else if .Values.tls.certificate -}}
{{- include "frontdesk.child" (list . "tls") -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.managementSecret" -}}
{{- if .Values.management.existingSecret -}}
{{- .Values.management.existingSecret -}}
{{- else if .Values.management.token -}}
{{- include "frontdesk.child" (list . "management") -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.managementSecretKey" -}}
{{- if .Values.management.existingSecret -}}
{{- .Values.management.existingSecretKey -}}
{{- else -}}
token
{{- end -}}
{{- end -}}

{{- define "frontdesk.redisSecret" -}}
{{- if .Values.redis.existingSecret -}}
{{- .Values.redis.existingSecret -}}
{{- else if .Values.redis.password -}}
{{- include "frontdesk.child" (list . "redis") -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.redisSecretKey" -}}
{{- if .Values.redis.existingSecret -}}
{{- .Values.redis.existingSecretPasswordKey -}}
{{- else -}}
redis-password
{{- end -}}
{{- end -}}

{{/* The port the public listener serves on: HTTPS, or plain HTTP when TLS is off. */}}
{{- define "frontdesk.publicPort" -}}
{{- if .Values.tls.enabled -}}
{{- .Values.containerPorts.https -}}
{{- else -}}
{{- .Values.containerPorts.http -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.replicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas -}}
{{- else -}}
{{- .Values.replicaCount -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.terminationGracePeriodSeconds" -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds -}}
{{- add .Values.gracefulShutdown.preStopSleepSeconds .Values.gracefulShutdown.drainSeconds 5 -}}
{{- else -}}
{{- .Values.terminationGracePeriodSeconds -}}
{{- end -}}
{{- end -}}

{{/* Where the pod mounts what it reads. */}}
{{- define "frontdesk.configDir" -}}/etc/frontdesk/config{{- end -}}
{{- define "frontdesk.tlsDir" -}}/etc/frontdesk/tls{{- end -}}
{{- define "frontdesk.managementDir" -}}/etc/frontdesk/management{{- end -}}
{{- define "frontdesk.crsDir" -}}/etc/frontdesk/crs{{- end -}}
{{/* Where the image keeps the Core Rule Set release it carries (Dockerfile). */}}
{{- define "frontdesk.bundledCrsDir" -}}/opt/frontdesk/crs{{- end -}}

{{/*
application.yml: the user's configuration with what the chart derives from the pod merged
over it (ports, certificates, the token file, Redis, the CRS directory, the WAF files).
*/}}
{{- define "frontdesk.applicationYaml" -}}
{{- $frontdesk := deepCopy (.Values.frontdesk | default dict) -}}
{{- $shield := get $frontdesk "shield" | default dict -}}
{{- $cluster := get $shield "cluster" | default dict -}}
{{- if not (hasKey $cluster "replicas") -}}
{{- $_ := set $cluster "replicas" (int (include "frontdesk.replicas" .)) -}}
{{- end -}}
{{- $_ := set $shield "cluster" $cluster -}}
{{- $_ := set $frontdesk "shield" $shield -}}
{{- $_ := set $frontdesk "demo" (dict "enabled" false) -}}
{{- $tls := get $frontdesk "tls" | default dict -}}
{{- if and .Values.tls.enabled .Values.tls.redirectHttp -}}
{{- $_ := set $tls "http-port" .Values.containerPorts.http -}}
{{- $_ := set $tls "redirect-port" .Values.service.ports.https -}}
{{- else -}}
{{- $_ := set $tls "http-port" -1 -}}
{{- end -}}
{{- $_ := set $frontdesk "tls" $tls -}}
{{- if include "frontdesk.managementSecret" . -}}
{{- $_ := set $frontdesk "management" (dict "token-file" (printf "%s/token" (include "frontdesk.managementDir" .))) -}}
{{- end -}}
{{- $waf := get $frontdesk "waf" | default dict -}}
{{- if and .Values.crs.bundled .Values.crs.enabled -}}
{{- fail "crs.bundled and crs.enabled exclude each other: run the image's Core Rule Set (crs.bundled) or mount one (crs.enabled, crs.volume)" -}}
{{- end -}}
{{- if or .Values.crs.bundled .Values.crs.enabled -}}
{{- $crs := get $waf "crs" | default dict -}}
{{- if .Values.crs.bundled -}}
{{- $_ := set $crs "directory" (include "frontdesk.bundledCrsDir" .) -}}
{{- else -}}
{{- $_ := set $crs "directory" (trimSuffix "/" (printf "%s/%s" (include "frontdesk.crsDir" .) (.Values.crs.path | default ""))) -}}
{{- end -}}
{{- $_ := set $waf "crs" $crs -}}
{{- end -}}
{{- $before := list -}}
{{- range $file, $_ := .Values.wafRules.before -}}
{{- $before = append $before (printf "%s/waf-before-%s" (include "frontdesk.configDir" $) $file) -}}
{{- end -}}
{{- $after := list -}}
{{- range $file, $_ := .Values.wafRules.after -}}
{{- $after = append $after (printf "%s/waf-after-%s" (include "frontdesk.configDir" $) $file) -}}
{{- end -}}
{{- if $before -}}
{{- $_ := set $waf "rules-before" (concat (get $waf "rules-before" | default list) $before) -}}
{{- end -}}
{{- if $after -}}
{{- $_ := set $waf "rules" (concat (get $waf "rules" | default list) $after) -}}
{{- end -}}
{{- $_ := set $frontdesk "waf" $waf -}}
{{- $ssl := dict "enabled" .Values.tls.enabled -}}
{{- $spring := dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.gracefulShutdown.drainSeconds))) -}}
{{- $bundles := dict -}}
{{- if and .Values.tls.enabled (include "frontdesk.tlsSecret" .) -}}
{{- $_ := set $bundles "frontdesk-default" (include "frontdesk.pemBundle" (list $ "default")| fromYaml) -}}
{{- $_ := set $ssl "bundle" "frontdesk-default" -}}
{{- end -}}
{{- if .Values.tls.enabled -}}
{{- $named := list -}}
{{- range $i, $sni := .Values.tls.serverNames -}}
{{- $_ := set $bundles (printf "frontdesk-sni-%d" $i) (include "frontdesk.pemBundle" (list $ (printf "sni-%d" $i)) | fromYaml) -}}
{{- $named = append $named (dict "server-name" $sni.serverName "bundle" (printf "frontdesk-sni-%d" $i)) -}}
{{- end -}}
{{- if $named -}}
{{- $_ := set $ssl "server-name-bundles" $named -}}
{{- end -}}
{{- end -}}
{{- if $bundles -}}
{{- $_ := set $spring "ssl" (dict "bundle" (dict "pem" $bundles)) -}}
{{- end -}}
{{- if .Values.redis.enabled -}}
{{- if not (or .Values.redis.url .Values.redis.host) -}}
{{- fail "redis.url or redis.host is required when redis.enabled is true" -}}
{{- end -}}
{{- $redis := dict -}}
{{- if .Values.redis.url -}}
{{- $_ := set $redis "url" .Values.redis.url -}}
{{- else -}}
{{- $_ := set $redis "host" .Values.redis.host -}}
{{- $_ := set $redis "port" (int .Values.redis.port) -}}
{{- end -}}
{{- if .Values.redis.database -}}
{{- $_ := set $redis "database" (int .Values.redis.database) -}}
{{- end -}}
{{- if .Values.redis.username -}}
{{- $_ := set $redis "username" .Values.redis.username -}}
{{- end -}}
{{- if .Values.redis.ssl -}}
{{- $_ := set $redis "ssl" (dict "enabled" true) -}}
{{- end -}}
{{- $_ := set $spring "data" (dict "redis" $redis) -}}
{{- end -}}
{{- $webflux := dict "routes" .Values.routes -}}
{{- if .Values.defaultFilters -}}
{{- $_ := set $webflux "default-filters" .Values.defaultFilters -}}
{{- end -}}
{{- $_ := set $spring "cloud" (dict "gateway" (dict "server" (dict "webflux" $webflux))) -}}
{{- $application := dict
      "server" (dict "port" (int (include "frontdesk.publicPort" .)) "ssl" $ssl)
      "management" (dict "server" (dict "port" (int .Values.containerPorts.management)))
      "spring" $spring
      "frontdesk" $frontdesk -}}
{{- toYaml (mustMergeOverwrite $application (deepCopy (.Values.extraConfig | default dict))) -}}
{{- end -}}

{{/* A reloading PEM bundle read from the mounted Secret: (list $ "default" | "sni-N"). */}}
{{- define "frontdesk.pemBundle" -}}
{{- $top := index . 0 -}}
{{- $dir := printf "%s/%s" (include "frontdesk.tlsDir" $top) (index . 1) -}}
keystore:
  certificate: file:{{ $dir }}/tls.crt
  private-key: file:{{ $dir }}/tls.key
reload-on-update: {{ $top.Values.tls.reloadOnUpdate }}
{{- end -}}
