import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { unknownChartKeys } from '../../src/core/chart-values-check.js';
import { Release } from '@cdktf/provider-helm/lib/release/index.js';
import { Karpenter } from '../../src/karpenter/karpenter.js';
import { costProfileOf } from '../../src/core/cost-registry.js';
import { all, only, synthJson, withExistingMonitoring } from '../support/synth.js';
import { errorOf, karpenterStack, release, tags } from './support.js';

describe('Karpenter: given a cluster name, when synthesized', () => {
  const { stack, karpenter } = karpenterStack();
  const json = synthJson(stack);

  test('the CRD chart and the controller chart are pinned to 1.14.1 from the public ECR OCI registry', () => {
    const crd = release(json, 'karpenter-crd');
    expect(crd).toMatchObject({ repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter-crd', version: '1.14.1', namespace: 'kube-system' });
    const controller = release(json, 'karpenter');
    expect(controller).toMatchObject({ repository: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1', skip_crds: true });
    expect(controller.depends_on).toContainEqual(expect.stringMatching(/^helm_release\.karpenter_crd-release_/));
  });

  test('chart values: cluster name, queue NAME, affinity off Karpenter nodes, ServiceMonitor on, no NodeOverlay gate', () => {
    const values = parse(release(json, 'karpenter').values[0]);
    expect(values.settings.clusterName).toBe('ml-prod');
    expect(values.settings.interruptionQueue).toMatch(/^\$\{aws_sqs_queue\.[\w-]+\.name\}$/);
    expect(values.settings.featureGates).toBeUndefined();
    expect(values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'karpenter.sh/nodepool', operator: 'DoesNotExist' }] },
    ]);
    expect(values.serviceMonitor).toEqual({ enabled: true, additionalLabels: { release: 'kube-prometheus-stack' }, endpointConfig: { interval: '15s', scrapeTimeout: '10s' } });
    expect(values.serviceAccount).toEqual({ name: 'karpenter' });
  });

  test("every key it writes is in the chart's values.yaml (v1.14.1)", () => {
    const chart = parse(readFileSync(join(__dirname, '../fixtures/karpenter/chart-values.yaml'), 'utf8'));
    const values = parse(release(json, 'karpenter').values[0]);
    // affinity and serviceAccount.annotations are Kubernetes objects the chart passes through.
    expect(unknownChartKeys(values, chart, { chart: 'karpenter', freeFormPaths: ['affinity'] })).toEqual([]);
  });

  test('the interruption queue is SSE encrypted and keeps messages 300 s', () => {
    const queue = only(json, 'aws_sqs_queue');
    expect(queue).toMatchObject({ name: 'ml-prod', message_retention_seconds: 300, sqs_managed_sse_enabled: true });
    expect(queue.tags).toEqual({ team: 'search', 'cost-center': 'cc-1234', environment: 'prod' });
  });

  test('the queue policy lets only EventBridge and SQS send, and denies plain HTTP', () => {
    const policy = JSON.parse(only(json, 'aws_sqs_queue_policy').policy);
    expect(policy.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] }, Action: 'sqs:SendMessage' });
    expect(policy.Statement[1]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  test('exactly five EventBridge rules, one per event, spelled as AWS emits them, each targeting the queue', () => {
    const patterns = all(json, 'aws_cloudwatch_event_rule').map((r) => r.event_pattern as string);
    expect(patterns.sort()).toEqual(
      [
        '{"source":["aws.ec2"],"detail-type":["EC2 Spot Instance Interruption Warning"]}',
        '{"source":["aws.ec2"],"detail-type":["EC2 Instance Rebalance Recommendation"]}',
        '{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"]}',
        '{"source":["aws.ec2"],"detail-type":["EC2 Capacity Reservation Instance Interruption Warning"]}',
        '{"source":["aws.health"],"detail-type":["AWS Health Event"]}',
      ].sort(),
    );
    const targets = all(json, 'aws_cloudwatch_event_target');
    expect(targets).toHaveLength(5);
    for (const t of targets) expect(t.arn).toMatch(/^\$\{aws_sqs_queue\.[\w-]+\.arn\}$/);
    expect(new Set(targets.map((t) => t.rule)).size).toBe(5);
  });

  test('the controller policy is scoped by the cluster tags as in the reference template', () => {
    const docs = Object.fromEntries(
      all(json, 'aws_iam_policy').map((p) => [p.name_prefix, JSON.parse(p.policy)] as const),
    );
    expect(Object.keys(docs).sort()).toEqual(['KarpenterControllerEKSIntegration-', 'KarpenterControllerIAMIntegration-', 'KarpenterControllerInterruption-', 'KarpenterControllerNodeLifecycle-', 'KarpenterControllerResourceDiscovery-']);
    const bySid = Object.fromEntries(Object.values(docs).flatMap((d: any) => d.Statement).map((s: any) => [s.Sid, s]));
    expect(bySid.AllowScopedEC2InstanceActionsWithTags.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/ml-prod': 'owned', 'aws:RequestTag/eks:eks-cluster-name': 'ml-prod' },
      StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
    });
    expect(bySid.AllowScopedDeletion.Action).toEqual(['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate']);
    expect(bySid.AllowScopedDeletion.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/ml-prod': 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } });
    expect(bySid.AllowScopedResourceTagging.Condition['ForAllValues:StringEquals']).toEqual({ 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] });
    expect(bySid.AllowPassingInstanceRole.Resource).toMatch(/^\$\{aws_iam_role\.karpenter_node-role_\w+\.arn\}$/);
    expect(bySid.AllowPassingInstanceRole.Condition).toEqual({ StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } });
    expect(bySid.AllowInterruptionQueueActions.Resource).toMatch(/^\$\{aws_sqs_queue\.[\w-]+\.arn\}$/);
    expect(bySid.AllowScopedInstanceProfileCreationActions.Condition.StringLike).toEqual({ 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' });
    expect(bySid.AllowRegionalReadActions.Condition.StringEquals['aws:RequestedRegion']).toMatch(/data\.aws_region\..*\.region/);
    expect(bySid.AllowAPIServerEndpointDiscovery.Resource).toMatch(/:cluster\/ml-prod$/);
    // Nothing unscoped beyond the read actions the reference template allows on "*".
    const starStatements = Object.values(bySid).filter((s: any) => s.Resource === '*' && !s.Condition).map((s: any) => s.Sid).sort();
    expect(starStatements).toEqual(['AllowPricingReadActions', 'AllowUnscopedInstanceProfileListAction']);
  });

  test('EKS Pod Identity by default: trust pods.eks.amazonaws.com and an association for kube-system/karpenter', () => {
    const roles = all(json, 'aws_iam_role');
    const controller = roles.find((r) => r.name_prefix === 'karpenter-controller-')!;
    expect(JSON.parse(controller.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    ]);
    expect(only(json, 'aws_eks_pod_identity_association')).toMatchObject({ cluster_name: 'ml-prod', namespace: 'kube-system', service_account: 'karpenter' });
  });

  test('the node role has its own EC2_LINUX access entry', () => {
    const entry = only(json, 'aws_eks_access_entry');
    expect(entry).toMatchObject({ cluster_name: 'ml-prod', type: 'EC2_LINUX' });
    expect(entry.principal_arn).toMatch(/aws_iam_role\.karpenter_node-role_\w+\.arn/);
    expect(karpenter.nodeRoleName).toBeDefined();
  });

  test('the object bundle depends on both the CRD release and the controller release', () => {
    const objects = release(json, 'karpenter-objects');
    expect(objects.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\.karpenter_crd-release/), expect.stringMatching(/^helm_release\.karpenter_release_/)]));
  });

  test('the queue declares a fixed cost: 131,400 long polls a month (one per 20 s)', () => {
    expect(costProfileOf(karpenter.interruptionQueue)).toMatchObject({ kind: 'fixed', item: 'sqs-requests-million', quantity: 0.1314, tags: { team: 'search' } });
  });
});

describe('Karpenter: options and bad input', () => {
  test('IRSA: the role trusts the OIDC provider for the service account and the chart annotates it', () => {
    const { stack } = karpenterStack({ irsa: { oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' } });
    const json = synthJson(stack);
    expect(json.resource.aws_eks_pod_identity_association).toBeUndefined();
    const controller = all(json, 'aws_iam_role').find((r) => r.name_prefix === 'karpenter-controller-')!;
    expect(JSON.parse(controller.assume_role_policy).Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:kube-system:karpenter',
      'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com',
    });
    expect(parse(release(json, 'karpenter').values[0]).serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/aws_iam_role\.karpenter_controller-role/);
  });

  test('asking for aws-node-termination-handler alongside is an error', () => {
    const e = errorOf(() => karpenterStack({ awsNodeTerminationHandler: true }));
    expect(e.code).toBe('CONFLICTING_INTERRUPTION_HANDLERS');
    expect(e.message).toContain('[test/karpenter] awsNodeTerminationHandler');
  });

  test('an aws-node-termination-handler release in the same stack fails synth', () => {
    const { stack } = karpenterStack();
    new Release(stack, 'nth', { name: 'nth', chart: 'aws-node-termination-handler', repository: 'https://aws.github.io/eks-charts' });
    expect(() => synthJson(stack)).toThrow(/\[test\/karpenter\] GpuClusterError CONFLICTING_INTERRUPTION_HANDLERS/);
  });

  test('additionalValues merge last, with a warning for each value the construct set', () => {
    const { stack, karpenter } = karpenterStack({ additionalValues: { replicas: 3, logLevel: 'debug' } });
    const values = parse(release(synthJson(stack), 'karpenter').values[0]);
    expect(values).toMatchObject({ replicas: 3, logLevel: 'debug' });
    expect(karpenter.node.metadata.filter((m) => m.type === '@cdktf/warn' && /additionalValues/.test(String(m.data))).map((m) => m.data)).toEqual(['additionalValues.replicas overrides the value the construct set (2).']);
  });

  test.each([
    [{ clusterName: '' }, 'INVALID_STRING', 'clusterName'],
    [{ interruptionQueueName: 'q'.repeat(81) }, 'INVALID_STRING', 'interruptionQueueName'],
    [{ interruptionQueueName: 'bad name' }, 'INVALID_STRING', 'interruptionQueueName'],
    [{ replicas: 0 }, 'OUT_OF_RANGE', 'replicas'],
    [{ namespace: 'Kube_System' }, 'INVALID_STRING', 'namespace'],
    [{ costTags: { ...tags, team: '' } }, 'BLANK_COST_TAG', 'costTags.team'],
  ])('%j is refused with %s naming %s', (props, code, prop) => {
    const e = errorOf(() => karpenterStack(props as any));
    expect(e.code).toBe(code);
    expect(e.message).toContain(prop);
    expect(e.message).toMatch(/Allowed: .+\./);
  });

  test('Karpenter is a construct with a manifest bundle', () => {
    const { karpenter } = karpenterStack();
    expect(karpenter).toBeInstanceOf(Karpenter);
    expect(karpenter.manifests.releaseName).toBe('karpenter-objects');
  });
});

describe("Karpenter's ServiceMonitor: labelled for the Prometheus that scrapes it", () => {
  const valuesOf = (serviceMonitor: unknown) => {
    const { stack } = karpenterStack({ serviceMonitor } as never);
    return parse(release(synthJson(stack), 'karpenter').values[0]).serviceMonitor;
  };

  test('with nothing installing the ServiceMonitor CRD and none declared, synth warns that it may never be scraped; a declared existing install silences it', () => {
    const warned = (declare: boolean) => {
      const { stack, karpenter } = karpenterStack();
      if (declare) withExistingMonitoring(stack);
      synthJson(stack);
      return karpenter.node.metadata.some((m) => m.type === '@cdktf/warn' && /renders its ServiceMonitor only where the cluster serves/.test(String(m.data)));
    };
    expect(warned(false)).toBe(true);
    expect(warned(true)).toBe(false);
  });

  test('custom labels and interval reach the chart; false turns it off; a bad label is refused', () => {
    expect(valuesOf({ labels: { release: 'monitoring' }, interval: '30s', scrapeTimeout: '20s' })).toEqual({ enabled: true, additionalLabels: { release: 'monitoring' }, endpointConfig: { interval: '30s', scrapeTimeout: '20s' } });
    expect(valuesOf(false)).toEqual({ enabled: false });
    expect(errorOf(() => karpenterStack({ serviceMonitor: { labels: { release: 'not a label' } } } as never))).toMatchObject({ code: 'INVALID_LABELS' });
  });
});
