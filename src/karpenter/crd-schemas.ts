import { join } from 'node:path';
import { crdValidator } from '../core/crd-validator.js';
import type { ObjectValidator } from '../core/kubernetes-object.js';

// Read and compiled on first use (see core/crd-validator.ts), never at import.
const crd = (file: string) => join(__dirname, `./crds/${file}`);

/** Checks a karpenter.sh/v1 NodePool against the v1.14.1 CRD schema. */
export const validateNodePoolSchema: ObjectValidator = crdValidator({ file: crd('karpenter.sh_nodepools.yaml'), version: 'v1' });

/** Checks a karpenter.k8s.aws/v1 EC2NodeClass against the v1.14.1 CRD schema. */
export const validateEc2NodeClassSchema: ObjectValidator = crdValidator({ file: crd('karpenter.k8s.aws_ec2nodeclasses.yaml'), version: 'v1' });

/** Checks a karpenter.sh/v1alpha1 NodeOverlay against the v1.14.1 CRD schema. */
export const validateNodeOverlaySchema: ObjectValidator = crdValidator({ file: crd('karpenter.sh_nodeoverlays.yaml'), version: 'v1alpha1' });
