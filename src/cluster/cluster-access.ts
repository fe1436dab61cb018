import { AwsProvider, HelmProvider } from '../core/providers.js';
import { Fn, TerraformStack, Token } from '../core/cdktf.js';
import type { PropChecker } from '../core/validate.js';

/** Where the add-ons stack reaches the cluster's API. */
export interface ClusterEndpoint {
  readonly clusterName: string;
  readonly region: string;
  /** The API server URL. */
  readonly endpoint: string;
  /** The cluster CA, base64 as EKS returns it. */
  readonly certificateAuthorityData: string;
}

/**
 * The Helm provider of an add-ons stack: it authenticates with `aws eks get-token` at plan and
 * apply time (exec), so no token is stored in state or expires between plan and apply, as a
 * token data source's would.
 */
export function helmProviderFor(stack: TerraformStack, cluster: ClusterEndpoint): HelmProvider {
  return new HelmProvider(stack, 'helm', {
    kubernetes: {
      host: cluster.endpoint,
      clusterCaCertificate: Fn.base64decode(cluster.certificateAuthorityData),
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'aws',
        args: ['eks', 'get-token', '--cluster-name', cluster.clusterName, '--region', cluster.region, '--output', 'json'],
      },
    },
  });
}

/** The stack's default AWS provider, created in `region` when the stack has none. */
export function ensureAwsProvider(stack: TerraformStack, region: string, check?: PropChecker): AwsProvider {
  const existing = stack.node.children.find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
  const given = existing?.region;
  // A stack of yours keeps its provider; one deploying to another region than `region` would put
  // the resources in one region while the Helm provider reaches the cluster in another.
  if (check && typeof given === 'string' && given !== '' && !Token.isUnresolved(given) && given !== region) {
    check.fail('REGION_CONFLICT', 'region', region, `differs from the region of the AwsProvider ${existing!.node.path} (${given}) of the stack the cluster's resources go to: they would be created in ${given} while the Helm provider reaches the cluster in ${region}`, `${given}, the provider's region`, `pass region: '${given}', or give the stack's AwsProvider region ${region}`);
  }
  return existing ?? new AwsProvider(stack, 'aws', { region });
}
