import { DataAwsCallerIdentity, DataAwsPartition, DataAwsRegion, EksAccessEntry, EksPodIdentityAssociation, IamPolicy, IamRole, IamRolePolicyAttachment, Release } from '../core/providers.js';
import { shortName } from '../base/short-name.js';
import { addSynthCheck } from '../core/synth-checks.js';
import { Construct, Lazy, TerraformStack } from '../core/cdktf.js';
import type { ITerraformDependable } from '../core/cdktf.js';
import { PropChecker } from '../core/validate.js';
import { CostTags, costTagsToAwsTags } from '../core/cost-tags.js';
import type { CostTagSet } from '../core/cost-tags.js';
import { GpuClusterError } from '../base/errors.js';
import { CHART_VERSIONS } from '../core/versions.js';
import { claimReleaseName } from '../core/release-names.js';
import { checkServiceMonitor } from '../core/service-monitor.js';
import { declareProvided, warnOnGuardedServiceMonitor } from '../core/prerequisites.js';
import type { ServiceMonitorOptions } from '../core/service-monitor.js';
import { checkHelmValues } from '../core/helm-values-check.js';
import { ManifestBundle } from '../core/manifest-bundle.js';
import { helmValuesYaml, mergeHelmValues } from '../core/helm-values.js';
import { controllerPolicies } from './controller-policy.js';
import { KarpenterInterruptionQueue } from './interruption-queue.js';

/** IRSA instead of EKS Pod Identity for the controller. */
export interface KarpenterIrsa {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without `https://` (e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`). */
  readonly oidcIssuer: string;
}

/** Props of Karpenter. */
export interface KarpenterProps {
  /** Name of the EKS cluster (Karpenter's `settings.clusterName`, and the scope of its IAM policy). */
  readonly clusterName: string;
  /**
   * Namespace of the controller.
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /**
   * Use IRSA for the controller's AWS credentials.
   * @default - EKS Pod Identity (the cluster needs the eks-pod-identity-agent add-on)
   */
  readonly irsa?: KarpenterIrsa;
  /**
   * Name of the interruption SQS queue.
   * @default - the cluster name (as Karpenter's reference template names it); a name over SQS's 80 characters is cut to 71 and given a hash of the whole (`-1a2b3c4d`)
   */
  readonly interruptionQueueName?: string;
  /**
   * Controller replicas (one leader; the other takes over within seconds).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Karpenter's ServiceMonitor (needs the Prometheus Operator CRDs); the NodePool-at-limit alert
   * reads its metrics. `true`/`false` switch it with the defaults; its labels must match your
   * Prometheus's `serviceMonitorSelector`.
   * @default { enabled: true, labels: { release: 'kube-prometheus-stack' }, interval: '15s', scrapeTimeout: '10s' }
   */
  readonly serviceMonitor?: boolean | ServiceMonitorOptions;
  /**
   * Cost-allocation tags for the IAM roles, policies, queue and rules.
   * @default - the tags of `CostTags.of(scope)`
   */
  readonly costTags?: CostTagSet;
  /**
   * Chart values deep-merged over the ones the construct sets (with a warning for each it overrides).
   * @default {}
   */
  readonly additionalValues?: Record<string, unknown>;
  /**
   * Refused when true: aws-node-termination-handler and Karpenter both act on the same
   * interruption events and fight over the nodes. Karpenter's queue replaces it.
   * @default false
   */
  readonly awsNodeTerminationHandler?: boolean;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SERVICE_ACCOUNT = 'karpenter';
/** Managed policies of the node role: what a node needs to join, run pods and pull images (SSM access is left to the user). */
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly'];

/**
 * The Karpenter controller: its CRDs (karpenter-crd chart, so upgrades update them) and controller
 * chart, pinned; a controller role with the least-privilege policy of Karpenter's reference
 * template, through EKS Pod Identity or IRSA; a node role with an EC2_LINUX access entry; the
 * interruption queue and its five EventBridge rules; and the manifest bundle that GpuNodePools and
 * NodeOverlays add their objects to.
 *
 * The node role is Karpenter's own, not the node groups' shared role: EKS creates the access entry
 * of a managed node group's role itself, and a second entry for the same role would collide.
 *
 * @example
 * const karpenter = new Karpenter(addons, 'karpenter', { clusterName: 'ml-prod' });
 */
export class Karpenter extends Construct {
  readonly clusterName: string;
  readonly namespace: string;
  readonly crdRelease: Release;
  readonly release: Release;
  readonly controllerRole: IamRole;
  readonly nodeRole: IamRole;
  readonly nodeAccessEntry: EksAccessEntry;
  readonly interruptionQueue: KarpenterInterruptionQueue;
  /** Where GpuNodePool and NodeOverlay put their objects; depends on the CRD and controller releases. */
  readonly manifests: ManifestBundle;
  private nodeOverlayUsed = false;
  private readonly ownTags: Record<string, string>;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    const check = new PropChecker(this.node.path);
    if (props === null || typeof props !== 'object') check.fail('MISSING_PROPS', 'props', props, 'are required', 'a KarpenterProps object', 'pass clusterName');
    if (props.awsNodeTerminationHandler !== undefined && props.awsNodeTerminationHandler !== false) {
      check.fail('CONFLICTING_INTERRUPTION_HANDLERS', 'awsNodeTerminationHandler', props.awsNodeTerminationHandler, 'asks for aws-node-termination-handler alongside Karpenter; both act on the same interruption events and cordon and drain the same nodes', 'false or unset', "remove it: Karpenter's interruption queue handles spot interruptions, rebalance recommendations, scheduled changes and state changes");
    }
    this.clusterName = check.string('clusterName', props.clusterName, { pattern: CLUSTER_NAME, allowed: 'an EKS cluster name: 1-100 letters, digits, - and _, starting with a letter or digit' });
    this.namespace = check.string('namespace', props.namespace ?? 'kube-system', { pattern: NAMESPACE, allowed: 'a Kubernetes namespace name' });
    // The default is the cluster name, shortened with a hash suffix where it passes SQS's 80 characters.
    const queueName = check.string('interruptionQueueName', props.interruptionQueueName ?? shortName(this.clusterName, 80), {
      pattern: QUEUE_NAME,
      allowed: 'an SQS queue name: 1-80 letters, digits, - and _',
    });
    const replicas = check.integer('replicas', props.replicas ?? 2, { min: 1, max: 10 });
    const serviceMonitor = checkServiceMonitor(check, props.serviceMonitor);
    this.ownTags = props.costTags === undefined ? {} : costTagsToAwsTags(props.costTags, check);
    const tags = Lazy.anyValue({ produce: () => this.costTags }) as unknown as Record<string, string>;
    const additionalValues = checkHelmValues(check, 'additionalValues', props.additionalValues, '{ logLevel: "debug" }');
    if (props.irsa !== undefined) {
      if (props.irsa === null || typeof props.irsa !== 'object') check.fail('INVALID_IRSA', 'irsa', props.irsa, 'must be an object', '{ oidcProviderArn, oidcIssuer }', 'pass the IAM OIDC provider of the cluster, or leave irsa out for EKS Pod Identity');
      check.string('irsa.oidcProviderArn', props.irsa.oidcProviderArn, { pattern: /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/, allowed: 'an IAM OIDC provider ARN' });
      check.string('irsa.oidcIssuer', props.irsa.oidcIssuer, { pattern: /^(?!https?:\/\/)\S+$/, allowed: 'the issuer host and path without https://' });
    }

    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    const account = new DataAwsCallerIdentity(this, 'account');

    // Nodes: own role, joined to the cluster by an EC2_LINUX access entry.
    this.nodeRole = new IamRole(this, 'node-role', {
      namePrefix: 'karpenter-node-',
      description: `Nodes launched by Karpenter in ${this.clusterName}`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags,
    });
    this.nodeRoleName = this.nodeRole.name;
    const nodeAttachments = NODE_POLICIES.map((policy) => new IamRolePolicyAttachment(this, `node-${policy}`, { role: this.nodeRoleName, policyArn: `arn:${partition.partition}:iam::aws:policy/${policy}` }));
    this.nodeAccessEntry = new EksAccessEntry(this, 'node-access-entry', {
      clusterName: this.clusterName,
      principalArn: this.nodeRole.arn,
      type: 'EC2_LINUX',
      tags,
    });

    this.interruptionQueue = new KarpenterInterruptionQueue(this, 'interruption', { queueName, costTags: () => this.costTags });

    // Controller: role, the reference template's policies, and its credentials.
    const trust = props.irsa
      ? {
          Effect: 'Allow',
          Principal: { Federated: props.irsa.oidcProviderArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${props.irsa.oidcIssuer}:sub`]: `system:serviceaccount:${this.namespace}:${SERVICE_ACCOUNT}`,
              [`${props.irsa.oidcIssuer}:aud`]: 'sts.amazonaws.com',
            },
          },
        }
      : { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] };
    this.controllerRole = new IamRole(this, 'controller-role', {
      namePrefix: 'karpenter-controller-',
      description: `Karpenter controller of ${this.clusterName}`,
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [trust] }),
      tags,
    });
    const policies = controllerPolicies({
      partition: partition.partition,
      region: region.region,
      accountId: account.accountId,
      clusterName: this.clusterName,
      nodeRoleArn: this.nodeRole.arn,
      queueArn: this.interruptionQueue.queue.arn,
    });
    const controllerDeps: ITerraformDependable[] = [];
    for (const [name, statements] of Object.entries(policies)) {
      const policy = new IamPolicy(this, `policy-${name}`, {
        namePrefix: `KarpenterController${name}-`,
        description: `Karpenter controller (${this.clusterName}): ${name}`,
        policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
        tags,
      });
      controllerDeps.push(new IamRolePolicyAttachment(this, `attach-${name}`, { role: this.controllerRole.name, policyArn: policy.arn }));
    }
    if (!props.irsa) {
      controllerDeps.push(
        new EksPodIdentityAssociation(this, 'pod-identity', {
          clusterName: this.clusterName,
          namespace: this.namespace,
          serviceAccount: SERVICE_ACCOUNT,
          roleArn: this.controllerRole.arn,
          tags,
        }),
      );
    }

    // Helm: CRDs first, then the controller (which skips the CRDs its own chart carries).
    const crd = CHART_VERSIONS.karpenterCrd;
    this.crdRelease = new Release(this, 'crd-release', {
      name: 'karpenter-crd',
      namespace: this.namespace,
      ...crd,
      atomic: true,
    });
    const chart = CHART_VERSIONS.karpenter;
    this.release = new Release(this, 'release', {
      name: 'karpenter',
      namespace: this.namespace,
      ...chart,
      skipCrds: true,
      atomic: true,
      values: [Lazy.stringValue({ produce: () => helmValuesYaml(mergeHelmValues(this, this.chartValues(replicas, serviceMonitor, props.irsa !== undefined), additionalValues)) })],
      dependsOn: [this.crdRelease, ...controllerDeps, this.nodeAccessEntry, ...nodeAttachments, this.interruptionQueue.policy],
    });
    claimReleaseName(this, this.crdRelease, 'namespace');
    declareProvided(this.crdRelease, { apiGroups: ['karpenter.sh', 'karpenter.k8s.aws'] });
    claimReleaseName(this, this.release, 'namespace');

    this.manifests = new ManifestBundle(this, 'objects', {
      releaseName: 'karpenter-objects',
      namespace: this.namespace,
      description: 'Karpenter NodePools, EC2NodeClasses and NodeOverlays generated by cdktf-gpu-cluster',
      dependsOn: [this.crdRelease, this.release],
    });

    addSynthCheck(this, () => this.findTerminationHandlers());
    warnOnGuardedServiceMonitor(this, this.release, TerraformStack.of(this), () => serviceMonitor.enabled);
  }

  /** The AWS cost tags of Karpenter's resources: `CostTags.of(...)` of its scopes, then its own `costTags`. */
  get costTags(): Record<string, string> {
    return { ...CostTags.resolve(this), ...this.ownTags };
  }

  /**
   * Name of the node role (what an EC2NodeClass's `role` takes). One token, made with the role:
   * cdktf makes a new token, with the full stack trace of its creation, on every `IamRole.name`
   * read, and node pools read this while their objects resolve.
   */
  readonly nodeRoleName: string;

  /** Turns on the NodeOverlay feature gate in the chart values (NodeOverlay calls this). */
  enableNodeOverlay(): void {
    this.nodeOverlayUsed = true;
  }

  /** True when a NodeOverlay uses this controller. */
  get nodeOverlayEnabled(): boolean {
    return this.nodeOverlayUsed;
  }

  private chartValues(replicas: number, serviceMonitor: Required<ServiceMonitorOptions>, irsa: boolean): Record<string, unknown> {
    return {
      replicas,
      serviceAccount: {
        name: SERVICE_ACCOUNT,
        ...(irsa ? { annotations: { 'eks.amazonaws.com/role-arn': this.controllerRole.arn } } : {}),
      },
      settings: {
        clusterName: this.clusterName,
        interruptionQueue: this.interruptionQueue.queue.name,
        ...(this.nodeOverlayUsed ? { featureGates: { nodeOverlay: true } } : {}),
      },
      // The controller must not run on nodes it manages: it would disrupt itself.
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'karpenter.sh/nodepool', operator: 'DoesNotExist' }] }],
          },
        },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] },
      },
      serviceMonitor: serviceMonitor.enabled
        ? { enabled: true, additionalLabels: serviceMonitor.labels, endpointConfig: { interval: serviceMonitor.interval, scrapeTimeout: serviceMonitor.scrapeTimeout } }
        : { enabled: false },
    };
  }

  private findTerminationHandlers(): string[] {
    const stack = TerraformStack.of(this);
    return stack.node
      .findAll()
      .filter((c): c is Release => c instanceof Release && /aws-node-termination-handler/.test(String(c.chartInput)))
      .map(
        (r) =>
          new GpuClusterError({
            code: 'CONFLICTING_INTERRUPTION_HANDLERS',
            prop: r.node.path,
            value: r.chartInput,
            problem: 'installs aws-node-termination-handler next to Karpenter; both act on the same interruption events and cordon and drain the same nodes',
            allowed: "Karpenter's own interruption queue",
            fix: 'remove the aws-node-termination-handler release',
          }).validationMessage,
      );
  }
}
