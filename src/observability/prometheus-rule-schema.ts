import { join } from 'node:path';
import { crdValidator } from '../core/crd-validator.js';
import type { ObjectValidator } from '../core/kubernetes-object.js';

/**
 * Checks a monitoring.coreos.com/v1 PrometheusRule against the prometheus-operator v0.93.0 CRD
 * schema (read and compiled on first use; see crds/SOURCES.md).
 */
export const validatePrometheusRuleSchema: ObjectValidator = crdValidator({
  file: join(__dirname, './crds/monitoring.coreos.com_prometheusrules.yaml'),
  version: 'v1',
});
