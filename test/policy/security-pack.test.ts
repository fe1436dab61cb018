import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider/index.js';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster/index.js';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group/index.js';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default/index.js';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document/index.js';
import { Release } from '@cdktf/provider-helm/lib/release/index.js';
import { GpuNodeGroup } from '../../src/compute/gpu-node-group.js';
import { GpuNodePool } from '../../src/karpenter/gpu-node-pool.js';
import { ManifestBundle } from '../../src/core/manifest-bundle.js';
import { GpuInstanceType } from '../../src/catalog/gpu-instance-type.js';
import { GpuCluster } from '../../src/cluster/gpu-cluster.js';
import { CostGate } from '../../src/policy/cost-gate.js';
import { CostPolicy, Policy } from '../../src/policy/acknowledgements.js';
import { COST_PACK, DEFAULT_RULES, SECURITY_PACK } from '../../src/policy/packs.js';
import type { Finding } from '../../src/cost/cost-report.js';
import { MAX_NODES_CONTEXT_KEY } from '../../src/core/node-ceiling.js';
import { buildGpuClusterApp } from '../../examples/gpu-cluster/app.js';
import { buildPlatformRepoApp } from '../../examples/platform-repo/app.js';
import { newStack } from '../support/synth.js';
import { errorOf } from '../support/errors.js';
import { karpenterStack, tags } from '../karpenter/support.js';

const group = (stack: TerraformStack, id = 'inference', over: Record<string, unknown> = {}) =>
  new GpuNodeGroup(stack, id, { clusterName: 'ml-prod', subnetIds: ['subnet-a'], instanceTypes: [GpuInstanceType.G6E_12XLARGE], scaling: { min: 0, desired: 1, max: 2 }, costTags: tags, ...over });

/** A stack holding a default GpuNodeGroup (so the gate runs), plus what `add` puts in it. */
function stackWith(add: (stack: TerraformStack) => void = () => {}, context: Record<string, unknown> = {}): TerraformStack {
  const stack = new TerraformStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'security-')), context }), 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  group(stack);
  add(stack);
  return stack;
}

/** Security findings of `stack`, evaluated by its gate as at synth. */
function security(stack: TerraformStack, rule?: string): Finding[] {
  return CostGate.ensure(stack).evaluate().report.findings.filter((f) => f.area === 'security' && (rule === undefined || f.ruleId === rule));
}

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

describe('security pack', () => {
  test('every rule has an id, level, description and fix; the pack shares missing-cost-tags with the cost pack and runs each rule once', () => {
    for (const r of SECURITY_PACK) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning']).toContain(r.level);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
    expect(SECURITY_PACK.map((r) => r.id)).toContain('missing-cost-tags');
    expect(SECURITY_PACK.find((r) => r.id === 'missing-cost-tags')).toBe(COST_PACK.find((r) => r.id === 'missing-cost-tags'));
    const ids = DEFAULT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(SECURITY_PACK.map((r) => r.id)));
  });

  test.each([
    ['gpu-cluster', () => buildGpuClusterApp(mkdtempSync(join(tmpdir(), 'security-example-'))).cluster.stacks],
    ['platform-repo', () => buildPlatformRepoApp(mkdtempSync(join(tmpdir(), 'security-example-'))).cluster.stacks],
    ['(a default GpuCluster)', () => new GpuCluster(new App({ outdir: mkdtempSync(join(tmpdir(), 'security-default-')) }), 'gpu', { region: 'eu-west-1', costTags: tags }).stacks],
  ])('examples/%s has no security finding but the local state of its prod stacks, and no errors in any stack', (_name, stacksOf) => {
    for (const stack of stacksOf()) {
      const findings = CostGate.ensure(stack).evaluate().report.findings;
      // Prod-tagged stacks on the default local state get that one warning (StateBackend.s3 clears it).
      expect([stack.node.id, findings.filter((f) => f.area === 'security').map((f) => `${f.ruleId} ${f.level}`)]).toEqual([stack.node.id, ['local-state-in-prod warning']]);
      expect([stack.node.id, findings.filter((f) => f.level === 'error')]).toEqual([stack.node.id, []]);
    }
  });

  test('a GpuNodeGroup, a Karpenter controller with IRSA and a GpuNodePool are quiet by default', () => {
    const { stack, karpenter } = karpenterStack({ irsa: { oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-1.amazonaws.com/id/ABC' } });
    group(stack);
    new GpuNodePool(stack, 'l40s', { karpenter, gpuNames: ['l40s'], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: tags });
    expect(security(stack)).toEqual([]);
  });
});

describe('imdsv2-required', () => {
  test('fires on a launch template without metadata options or with optional tokens, and on an EC2NodeClass relaxing httpTokens', () => {
    const stack = stackWith((s) => {
      new LaunchTemplate(s, 'bare', { namePrefix: 'bare-' });
      new LaunchTemplate(s, 'v1', { namePrefix: 'v1-', metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 1 } });
      new LaunchTemplate(s, 'off', { namePrefix: 'off-', metadataOptions: { httpEndpoint: 'disabled' } });
      new ManifestBundle(s, 'objects').add({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'cpu' }, spec: { metadataOptions: { httpTokens: 'optional' } } });
    });
    const f = security(stack, 'imdsv2-required');
    expect(f.map((x) => x.constructPath)).toEqual(['test/bare', 'test/v1', 'test/objects']);
    expect(f[1]!.message).toContain('http_tokens is "optional"');
    expect(f[2]!.message).toContain('EC2NodeClass/cpu');
    expect(f[0]!.level).toBe('error');
  });

  test('is quiet on the GpuNodeGroup launch template', () => {
    expect(security(stackWith(), 'imdsv2-required')).toEqual([]);
  });
});

describe('imds-hop-limit', () => {
  test('fires on a hop limit of 2 or an unset one, and on an EC2NodeClass above 1', () => {
    const stack = stackWith((s) => {
      new LaunchTemplate(s, 'two', { namePrefix: 'two-', metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } });
      new LaunchTemplate(s, 'unset', { namePrefix: 'unset-', metadataOptions: { httpTokens: 'required' } });
      new ManifestBundle(s, 'objects').add({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'cpu' }, spec: { metadataOptions: { httpPutResponseHopLimit: 3 } } });
    });
    const f = security(stack, 'imds-hop-limit');
    expect(f.map((x) => x.message)).toEqual([
      expect.stringContaining('http_put_response_hop_limit is 2'),
      expect.stringContaining('is unset; AMIs registered for IMDSv2 (AL2023, Bottlerocket) default to 2'),
      expect.stringContaining('EC2NodeClass/cpu: spec.metadataOptions.httpPutResponseHopLimit is 3'),
    ]);
  });

  test('a GpuNodeGroup above 1 must say why; its reason acknowledges the finding', () => {
    const { stack } = newStack();
    expect(errorOf(() => group(stack, 'a', { imdsHopLimit: 2 })).message).toMatch(/imdsHopLimitReason: is not valid/);
    expect(errorOf(() => group(stack, 'b', { imdsHopLimitReason: 'a reason given for nothing' })).code).toBe('UNUSED_PROP');
    group(stack, 'legacy', { imdsHopLimit: 2, imdsHopLimitReason: 'legacy agent pods read the instance identity, SEC-42' });
    const [f] = security(stack, 'imds-hop-limit');
    expect(f).toMatchObject({ constructPath: 'test/legacy/launch-template', acknowledged: { reason: 'legacy agent pods read the instance identity, SEC-42', by: 'test/legacy' } });
  });

  test('Policy.acknowledge (an alias of CostPolicy) covers a raw launch template', () => {
    const stack = stackWith((s) => {
      const lt = new LaunchTemplate(s, 'two', { namePrefix: 'two-', metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } });
      Policy.acknowledge(lt, { rule: 'imds-hop-limit', reason: 'node-exporter reads IMDS, approved SEC-7' });
    });
    expect(Policy).toBe(CostPolicy);
    expect(security(stack, 'imds-hop-limit')[0]!.acknowledged).toEqual({ reason: 'node-exporter reads IMDS, approved SEC-7', by: 'test/two' });
  });
});

describe('ebs-encryption', () => {
  const unencrypted = (s: TerraformStack) => {
    new LaunchTemplate(s, 'plain', { namePrefix: 'p-', metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 }, blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 100, encrypted: 'false' } }] });
    new ManifestBundle(s, 'objects').add({ apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'cpu' }, spec: { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: '100Gi' } }] } });
  };

  test('fires on an unencrypted launch template volume and an EC2NodeClass mapping without encryption', () => {
    const f = security(stackWith(unencrypted), 'ebs-encryption');
    expect(f.map((x) => x.message)).toEqual([
      'aws_launch_template.plain block_device_mappings[0] (/dev/xvda): encrypted is "false"',
      'EC2NodeClass/cpu spec.blockDeviceMappings[0] (/dev/xvda): encrypted is unset',
    ]);
  });

  test('is quiet by default and when EBS encryption by default is on', () => {
    expect(security(stackWith(), 'ebs-encryption')).toEqual([]);
    expect(security(stackWith((s) => { unencrypted(s); new EbsEncryptionByDefault(s, 'ebs-default', { enabled: true }); }), 'ebs-encryption')).toEqual([]);
  });
});

describe('sqs-encryption', () => {
  test('fires on a queue without SSE-SQS or KMS, quiet with either', () => {
    const stack = stackWith((s) => {
      new SqsQueue(s, 'plain', { name: 'plain' });
      new SqsQueue(s, 'off', { name: 'off', sqsManagedSseEnabled: false });
      new SqsQueue(s, 'kms', { name: 'kms', kmsMasterKeyId: 'alias/queues' });
      new SqsQueue(s, 'sse', { name: 'sse', sqsManagedSseEnabled: true });
    });
    expect(security(stack, 'sqs-encryption').map((f) => f.constructPath)).toEqual(['test/plain', 'test/off']);
  });
});

describe('EKS cluster rules', () => {
  const cluster = (s: TerraformStack, id: string, over: Record<string, unknown> = {}) =>
    new EksCluster(s, id, { name: id, roleArn: 'arn:aws:iam::123456789012:role/eks', vpcConfig: { subnetIds: ['subnet-a', 'subnet-b'] }, ...over });

  test('eks-secrets-encryption fires without encryption_config for secrets, quiet with a key', () => {
    const stack = stackWith((s) => {
      cluster(s, 'bare');
      cluster(s, 'keyed', { encryptionConfig: { resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' } } });
    });
    expect(security(stack, 'eks-secrets-encryption').map((f) => [f.constructPath, f.message])).toEqual([['test/bare', 'aws_eks_cluster.bare: has no encryption_config']]);
  });

  test('eks-public-endpoint fires for the default (public to 0.0.0.0/0) and explicit open CIDRs; quiet private or with named CIDRs', () => {
    const stack = stackWith((s) => {
      cluster(s, 'default');
      cluster(s, 'open6', { vpcConfig: { subnetIds: ['subnet-a'], publicAccessCidrs: ['10.0.0.0/8', '::/0'] } });
      cluster(s, 'private', { vpcConfig: { subnetIds: ['subnet-a'], endpointPublicAccess: false, endpointPrivateAccess: true } });
      cluster(s, 'office', { vpcConfig: { subnetIds: ['subnet-a'], publicAccessCidrs: ['203.0.113.0/24'] } });
    });
    expect(security(stack, 'eks-public-endpoint').map((f) => f.message)).toEqual([
      'aws_eks_cluster.default: the public API endpoint is open to 0.0.0.0/0 (the default)',
      'aws_eks_cluster.open6: the public API endpoint is open to ::/0',
    ]);
  });
});

describe('iam-wildcard', () => {
  test('fires on * and service:* actions, NotAction, Resource * for scoped actions, and an unconditioned Principal *', () => {
    const stack = stackWith((s) => {
      new IamPolicy(s, 'admin', { policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }) });
      new IamPolicy(s, 's3all', { policy: policy({ Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::models/*' }) });
      new IamPolicy(s, 'not', { policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) });
      new IamPolicy(s, 'scoped', { policy: policy({ Effect: 'Allow', Action: ['ec2:DescribeInstances', 'ec2:TerminateInstances'], Resource: '*' }) });
      const q = new SqsQueue(s, 'q', { name: 'q', sqsManagedSseEnabled: true });
      new SqsQueuePolicy(s, 'open', { queueUrl: q.url, policy: policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: q.arn }) });
      new DataAwsIamPolicyDocument(s, 'doc', { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] });
    });
    const f = security(stack, 'iam-wildcard');
    expect(f.map((x) => x.message)).toEqual([
      'aws_iam_policy.admin policy statement 1 allows "*"',
      'aws_iam_policy.s3all policy statement "S3" allows "s3:*"',
      'aws_iam_policy.not policy statement 1 allows every action except iam:* (NotAction)',
      'aws_iam_policy.scoped policy statement 1 uses Resource "*" for ec2:TerminateInstances, which supports resource-level permissions (or is not listed as unscoped)',
      'aws_sqs_queue_policy.open policy statement 1 allows Principal "*" without a condition',
      'data.aws_iam_policy_document.doc statement statement 1 uses Resource "*" for s3:GetObject, which supports resource-level permissions (or is not listed as unscoped)',
    ]);
  });

  test('is quiet on unscoped actions with Resource *, on Deny statements, and on Karpenter\'s reference policy', () => {
    const stack = stackWith((s) => {
      new IamPolicy(s, 'read', { policy: policy({ Effect: 'Allow', Action: ['ec2:DescribeInstances', 'pricing:GetProducts', 'sts:GetCallerIdentity', 'ecr:GetAuthorizationToken'], Resource: '*' }) });
      new IamPolicy(s, 'deny', { policy: policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) });
    });
    expect(security(stack, 'iam-wildcard')).toEqual([]);
    const { stack: k } = karpenterStack();
    expect(security(k, 'iam-wildcard')).toEqual([]);
  });
});

describe('iam-trust-condition', () => {
  const role = (s: TerraformStack, id: string, statement: object) => new IamRole(s, id, { name: id, assumeRolePolicy: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }) });
  const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/ABC';
  const provider = `arn:aws:iam::123456789012:oidc-provider/${issuer}`;

  test('fires on IRSA without :sub/:aud, a wildcard subject, a service without a source condition, and Principal *', () => {
    const stack = stackWith((s) => {
      role(s, 'irsa', { Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity' });
      role(s, 'audonly', { Principal: { Federated: provider }, Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' } } });
      role(s, 'anysa', { Principal: { Federated: provider }, Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer}:sub`]: 'system:serviceaccount:*' } } });
      role(s, 'events', { Principal: { Service: 'events.amazonaws.com' } });
      role(s, 'anyone', { Principal: '*' });
    });
    expect(security(stack, 'iam-trust-condition').map((f) => f.message)).toEqual([
      `aws_iam_role.irsa assume_role_policy statement 1 trusts ${provider} without :sub and :aud conditions: any identity of that issuer could assume the role`,
      `aws_iam_role.audonly assume_role_policy statement 1 trusts ${provider} without :sub condition: any identity of that issuer could assume the role`,
      `aws_iam_role.anysa assume_role_policy statement 1 trusts ${provider} for any subject (system:serviceaccount:*)`,
      'aws_iam_role.events assume_role_policy statement 1 trusts events.amazonaws.com without an aws:SourceArn or aws:SourceAccount condition (confused deputy)',
      'aws_iam_role.anyone assume_role_policy statement 1 trusts Principal "*"',
    ]);
  });

  test('is quiet on ec2, pods.eks and a service pinned by aws:SourceArn (the node roles and Pod Identity are covered by the quiet defaults)', () => {
    const stack = stackWith((s) => {
      role(s, 'ec2', { Principal: { Service: 'ec2.amazonaws.com' } });
      role(s, 'pods', { Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
      role(s, 'events', { Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/x' } } });
    });
    expect(security(stack, 'iam-trust-condition')).toEqual([]);
  });
});

describe('unpinned-versions', () => {
  test('fires (warning) on a chart without a version, latest or a range, and on an @latest AMI alias', () => {
    const { stack, karpenter } = karpenterStack();
    new Release(stack, 'nover', { name: 'a', repository: 'https://charts.example.com', chart: 'a' });
    new Release(stack, 'latest', { name: 'b', repository: 'https://charts.example.com', chart: 'b', version: 'latest' });
    new Release(stack, 'range', { name: 'c', repository: 'https://charts.example.com', chart: 'c', version: '^1.2.0' });
    new Release(stack, 'pinned', { name: 'd', repository: 'https://charts.example.com', chart: 'd', version: '1.2.3' });
    new GpuNodePool(stack, 'drift', { karpenter, gpuNames: ['l40s'], gpuLimit: 8, amiAlias: 'al2023@latest', disruption: { consolidateAfter: '10m' }, costTags: tags });
    const f = security(stack, 'unpinned-versions');
    expect(f.map((x) => x.constructPath)).toEqual(['test/nover', 'test/latest', 'test/range', 'test/drift']);
    expect(f.every((x) => x.level === 'warning')).toBe(true);
    expect(f[3]!.message).toBe('EC2NodeClass/drift spec.amiSelectorTerms[0].alias is al2023@latest: nodes drift to every new AMI release');
  });

  test('is quiet on Karpenter\'s pinned charts and the generated local chart', () => {
    expect(security(karpenterStack().stack, 'unpinned-versions')).toEqual([]);
  });
});

describe('unpinned-images', () => {
  test('fires on latest or empty image, tag and version values, in values and set', () => {
    const stack = stackWith((s) => {
      new Release(s, 'op', {
        name: 'op', repository: 'https://charts.example.com', chart: 'op', version: '1.0.0',
        values: ['driver:\n  version: ""\nexporter:\n  image:\n    repository: nvcr.io/x\n    tag: latest\nsidecar:\n  image: busybox\npinned:\n  image: busybox:1.36\n  digest:\n    image: busybox@sha256:abc\n'],
        set: [{ name: 'agent.image.tag', value: 'latest' }, { name: 'other.tag', value: '2.0' }],
      });
    });
    expect(security(stack, 'unpinned-images').map((f) => f.message)).toEqual([
      'helm_release.op values: driver.version is ""; exporter.image.tag is "latest"; sidecar.image is "busybox"; set agent.image.tag is "latest"',
    ]);
  });

  test('is quiet on the Karpenter values and objects', () => {
    const { stack, karpenter } = karpenterStack();
    new GpuNodePool(stack, 'l40s', { karpenter, gpuNames: ['l40s'], gpuLimit: 8, amiAlias: 'al2023@v20260714', disruption: { consolidateAfter: '10m' }, costTags: tags });
    expect(security(stack, 'unpinned-images')).toEqual([]);
  });
});

describe('gpu-pool-limit', () => {
  const pool = (name: string, spec: object) => ({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name }, spec });
  test('fires on a NodePool selecting GPU types, families or GPU names without a nvidia.com/gpu limit; quiet with one or for CPU pools', () => {
    const stack = stackWith((s) => {
      const b = new ManifestBundle(s, 'objects');
      b.add(pool('by-type', { template: { spec: { requirements: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p5.48xlarge'] }] } } }));
      b.add(pool('by-family', { template: { spec: { requirements: [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g6e'] }] } }, limits: { cpu: '1000' } }));
      b.add(pool('by-gpu', { template: { spec: { requirements: [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h100'] }] } } }));
      b.add(pool('limited', { template: { spec: { requirements: [{ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['h100'] }] } }, limits: { 'nvidia.com/gpu': 16 } }));
      b.add(pool('cpu', { template: { spec: { requirements: [{ key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m7i'] }] } } }));
    });
    expect(security(stack, 'gpu-pool-limit').map((f) => f.message)).toEqual(['NodePool/by-type', 'NodePool/by-family', 'NodePool/by-gpu'].map((p) => `${p} selects GPU instances but spec.limits has no nvidia.com/gpu`));
  });
});

describe('node-group-max-ceiling', () => {
  const raw = (s: TerraformStack, max: number) =>
    new EksNodeGroup(s, 'raw', { clusterName: 'ml-prod', nodeRoleArn: 'arn:aws:iam::123456789012:role/n', subnetIds: ['subnet-a'], scalingConfig: { minSize: 0, desiredSize: 0, maxSize: max } });

  test('fires on a node group above 450, quiet at 450', () => {
    expect(security(stackWith((s) => raw(s, 500)), 'node-group-max-ceiling').map((f) => f.message)).toEqual([expect.stringMatching(/scaling_config.max_size 500 is above the ceiling of 450 nodes$/)]);
    expect(security(stackWith((s) => raw(s, 450)), 'node-group-max-ceiling')).toEqual([]);
  });

  test('the ceiling is the context key: lower it and a GpuNodeGroup refuses counts above it; raise it and 500 passes', () => {
    expect(security(stackWith((s) => raw(s, 500), { [MAX_NODES_CONTEXT_KEY]: 600 }), 'node-group-max-ceiling')).toEqual([]);
    expect(security(stackWith((s) => raw(s, 200), { [MAX_NODES_CONTEXT_KEY]: '100' }), 'node-group-max-ceiling')).toHaveLength(1);
    expect(errorOf(() => stackWith(() => {}, { [MAX_NODES_CONTEXT_KEY]: 1 })).message).toContain('scaling.max: is out of range. Given: 2. Allowed: an integer from 1 to 1.');
    expect(errorOf(() => stackWith(() => {}, { [MAX_NODES_CONTEXT_KEY]: 'lots' })).code).toBe('INVALID_CONTEXT');
  });

  test('a GpuNodeGroup whose own maxNodesCeiling is raised is reported as acknowledged by it', () => {
    const { stack } = newStack();
    group(stack, 'huge', { scaling: { min: 0, desired: 0, max: 1000 }, maxNodesCeiling: 1000 });
    expect(security(stack, 'node-group-max-ceiling')).toEqual([
      expect.objectContaining({ constructPath: 'test/huge/node-group', acknowledged: { reason: 'maxNodesCeiling 1000 set on the node group', by: 'test/huge' } }),
    ]);
  });
});

describe('findings per stack', () => {
  test('an unacknowledged security error fails synth naming the rule and the resource', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    group(stack);
    new SqsQueue(stack, 'events', { name: 'events' });
    expect(() => app.synth()).toThrow(/\[ml\/CostGate\] GpuClusterError SQS_ENCRYPTION: aws_sqs_queue\.events: neither sqs_managed_sse_enabled nor kms_master_key_id is set \(at ml\/events\)\. Fix: set sqs_managed_sse_enabled = true/);
  });

  test('policy-report.json carries security findings with their area; cost-report.md has a Security section', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    group(stack);
    const q = new SqsQueue(stack, 'events', { name: 'events' });
    Policy.acknowledge(q, { rule: 'sqs-encryption', reason: 'public event feed, no payload secrets (SEC-12)' });
    new HelmProvider(stack, 'helm', {});
    new Release(stack, 'tool', { name: 'tool', repository: 'https://charts.example.com', chart: 'tool' });
    app.synth();
    const dir = join(app.outdir, 'stacks/ml');
    const report = JSON.parse(readFileSync(join(dir, 'policy-report.json'), 'utf8')) as { findings: Finding[] };
    expect(report.findings).toEqual([
      { ruleId: 'sqs-encryption', area: 'security', level: 'error', constructPath: 'ml/events', message: 'aws_sqs_queue.events: neither sqs_managed_sse_enabled nor kms_master_key_id is set', fix: expect.any(String), acknowledged: { reason: 'public event feed, no payload secrets (SEC-12)', by: 'ml/events' } },
      { ruleId: 'unpinned-versions', area: 'security', level: 'warning', constructPath: 'ml/tool', message: 'helm_release.tool (tool): version is unset: every apply may install the newest chart', fix: expect.any(String) },
    ]);
    const md = readFileSync(join(dir, 'cost-report.md'), 'utf8');
    const section = md.slice(md.indexOf('## Security'), md.indexOf('## Assumptions'));
    expect(section).toContain('0 error(s), 1 warning(s), 1 acknowledged.');
    expect(section).toContain('| unpinned-versions | warning | ml/tool | helm_release.tool (tool): version is unset');
    expect(section).toContain('public event feed, no payload secrets (SEC-12) (ml/events)');
    expect(JSON.parse(readFileSync(join(dir, 'cost-report.json'), 'utf8')).findings).toEqual(report.findings);
  });

  test('a clean stack says so', () => {
    const { app, stack } = newStack('us-east-1', 'ml');
    group(stack);
    app.synth();
    expect(readFileSync(join(app.outdir, 'stacks/ml/cost-report.md'), 'utf8')).toContain('## Security\n\nNo security findings.');
  });
});
