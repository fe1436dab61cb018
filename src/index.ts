// cdktf-gpu-cluster: the public API. Keep this cheap to import: price data, schemas and
// validators load lazily, on first use.
export { GpuClusterError } from './base/errors.js';
export type { GpuClusterErrorDetails } from './base/errors.js';
export { CostTags, COST_TAG_KEYS, REQUIRED_COST_TAG_KEYS } from './core/cost-tags.js';
export type { CostTagSet } from './core/cost-tags.js';
export { LABEL_PREFIX } from './base/labels.js';
export { costProfileOf, collectCostProfiles } from './core/cost-registry.js';

export { GpuInstanceType } from './catalog/gpu-instance-type.js';
export { InstanceCatalog } from './catalog/instance-catalog.js';
export type { Architecture, GpuInstanceSpec, SystemInstanceSpec } from './catalog/instance-spec.js';

export { CapacityType } from './compute/capacity-type.js';
export { AmiType } from './compute/ami-type.js';
export type { NodeOs } from './compute/ami-type.js';
export { GpuNodeGroup } from './compute/gpu-node-group.js';
export type { GpuNodeGroupProps, NodeGroupScaling, NodeTaint, NodeVolume } from './compute/gpu-node-group.js';
export { GpuNodeRole } from './compute/node-role.js';

export { HOURS_PER_MONTH } from './cost/cost-profile.js';
export type { CostProfile, ComputeCostProfile, NodePoolCostProfile, FixedCostProfile, FixedCostItem, NodeStorage } from './cost/cost-profile.js';

export { PriceBook, REGION_PATTERN } from './catalog/price-book.js';
export type { PriceBookOptions, PriceLookupSite } from './catalog/price-book.js';
export { FIXED_PRICE_ITEMS, FIXED_PRICE_UNITS } from './catalog/price-quote.js';
export type { PriceQuote, SpotQuote, SpotAdvisorBand, FixedPriceItem, FixedPriceQuote, PriceOverrides } from './catalog/price-quote.js';
export { LOCK_FILE_MAX_AGE_DAYS } from './catalog/price-lock.js';
export type { PriceLockFile } from './catalog/price-lock.js';
export { PriceBookSettings, DEFAULT_LOCK_FILE } from './policy/price-settings.js';
export { SpotPriceBasis } from './catalog/spot-price-basis.js';
export { pricingRegion } from './core/region.js';
export type { PricingRegionOptions } from './core/region.js';

export { priceProfiles } from './cost/tco-engine.js';
export type { CostBasis, CostLine, EngineOptions, PricedAs, OnDemandUsage } from './cost/tco-engine.js';
export { applyCommitments } from './cost/commitments.js';
export type { Commitment, CommitmentKind } from './cost/commitments.js';
export { buildReport, COST_REPORT_SCHEMA_VERSION } from './cost/cost-report.js';
export type { CostReport, BudgetOutcome, Finding, Figures } from './cost/cost-report.js';
export { CostBudget, BudgetBasis, BudgetScope } from './policy/cost-budget.js';
export type { CostBudgetProps } from './policy/cost-budget.js';
export { CostPolicy } from './policy/acknowledgements.js';
export { CostCommitment, CommitmentType } from './policy/cost-commitment.js';
export type { CostCommitmentProps } from './policy/cost-commitment.js';
export type { Acknowledgement } from './policy/acknowledgements.js';
export { CostGate } from './policy/cost-gate.js';
export { DEFAULT_RULES, COST_PACK } from './policy/packs.js';
export type { PolicyRule, PolicyContext } from './policy/rule.js';

export { ManifestBundle } from './core/manifest-bundle.js';
export type { ManifestBundleProps, AddObjectOptions } from './core/manifest-bundle.js';
export type { KubernetesObject, ObjectProblem, ObjectValidator } from './core/kubernetes-object.js';
export { crdValidator } from './core/crd-validator.js';
export type { CrdSource } from './core/crd-validator.js';
export { CHART_VERSIONS } from './core/versions.js';
export type { PinnedChart } from './core/versions.js';
export { Karpenter } from './karpenter/karpenter.js';
export type { KarpenterProps, KarpenterIrsa } from './karpenter/karpenter.js';
export { KarpenterInterruptionQueue, INTERRUPTION_EVENTS } from './karpenter/interruption-queue.js';
export type { KarpenterInterruptionQueueProps } from './karpenter/interruption-queue.js';
export { GpuNodePool } from './karpenter/gpu-node-pool.js';
export type { GpuNodePoolProps, PoolDisruption, DisruptionBudget, PoolTaint, PoolVolume, NodeRequirement } from './karpenter/gpu-node-pool.js';
export { NodeOverlay } from './karpenter/node-overlay.js';
export type { NodeOverlayProps } from './karpenter/node-overlay.js';

export { MigLayout } from './catalog/mig-layout.js';
export type { MigLayoutOptions, MigNarrowing, MigStrategy, MigPartedTarget } from './catalog/mig-layout.js';
export { MigGpuModels } from './catalog/mig-gpu-models.js';
export type { MigGpuModelSpec, MigProfileSpec } from './catalog/mig-gpu-model.js';
export { renderMigPartedConfig } from './catalog/mig-parted-config.js';
export type { MigPartedConfig } from './catalog/mig-parted-config.js';

export { GpuSharing } from './catalog/gpu-sharing.js';
export type { GpuSharingKind, TimeSlicingOptions, MpsOptions, GpuSharingTarget, DevicePluginSharingConfig } from './catalog/gpu-sharing.js';
export type { GpuPartitioningProps, AdvertisedCapacity, PartitionCost } from './compute/node-partitioning.js';
export type { GpuNodeTaint } from './compute/node-props.js';
export { MIG_CONFIG_LABEL, DEVICE_PLUGIN_CONFIG_LABEL, collectGpuPartitions } from './compute/gpu-partitions.js';
export type { GpuPartitionDeclaration, DevicePluginConfigEntry } from './compute/gpu-partitions.js';

export { GpuOperator, gpuOperatorChartDefaults, unknownGpuOperatorKeys } from './gpu/gpu-operator.js';
export type { GpuOperatorProps, GpuOperatorComponent, OperatorDcgmExporterAttachment } from './gpu/gpu-operator.js';
export { operatorComponentDefaults } from './gpu/operator-components.js';
export type { GpuNodeAmi, OperatorComponentDefaults } from './gpu/operator-components.js';
export { DcgmExporter } from './gpu/dcgm-exporter.js';
export type { DcgmExporterProps, DcgmServiceMonitor } from './gpu/dcgm-exporter.js';
export type { ServiceMonitorOptions } from './core/service-monitor.js';
export { DCGM_FIELDS, DCGM_EXPORTER_FIELDS, DCGM_EXPORTER_METRICS, renderDcgmMetricsCsv } from './gpu/dcgm-counters.js';
export type { DcgmField, DcgmFieldType } from './gpu/dcgm-counters.js';
export { GPU_TAINT_TOLERATION } from './gpu/tolerations.js';
export type { Toleration } from './gpu/tolerations.js';
export { DEFAULT_DEVICE_PLUGIN_CONFIG, renderGpuPartitionConfig } from './gpu/gpu-partition-config.js';
export type { GpuPartitionConfig } from './gpu/gpu-partition-config.js';

export { GpuAlertRules } from './observability/gpu-alert-rules.js';
export { KubePrometheusStack } from './observability/kube-prometheus-stack.js';
export type { KubePrometheusStackProps } from './observability/kube-prometheus-stack.js';
export { Monitoring } from './observability/monitoring.js';
export type { MonitoringKind } from './observability/monitoring.js';
export type { GpuAlertRulesProps, GpuExtraAlertRule } from './observability/gpu-alert-rules.js';
export type { GpuAlertThresholds } from './observability/thresholds.js';
export { DEFAULT_THRESHOLDS } from './observability/thresholds.js';
export { GpuDashboard, gpuDashboardPanels, gpuDashboardJson } from './observability/gpu-dashboard.js';
export type { GpuDashboardProps } from './observability/gpu-dashboard.js';
export { dcgmFieldsUsed, missingDcgmFields, parseCountersCsv } from './observability/dcgm-fields.js';
export { promqlProblems, metricNames, FUNCTIONS_AFTER_PROMETHEUS_2_42 } from './observability/promql.js';
export { COST_NODE_LABELS, ksmLabel, kubeStateMetricsValues } from './observability/kube-state-metrics.js';
export type { RuleGroup, AlertingRule, RecordingRule } from './observability/rules/rule-types.js';

export { INFRACOST_USAGE_FILE, INFRACOST_MAP_FILE, INFRACOST_MAP_VERSION } from './cost/infracost-map.js';
export type { InfracostMap, MappedConstruct, CostCategory } from './cost/infracost-map.js';

export { Policy } from './policy/acknowledgements.js';
export { SECURITY_PACK } from './policy/packs.js';
export { TerraformView } from './policy/terraform-view.js';
export type { TerraformBlock, KubernetesObjectFound } from './policy/terraform-view.js';
export { MAX_NODES_CONTEXT_KEY, DEFAULT_MAX_NODES_PER_NODE_GROUP, maxNodesPerNodeGroup } from './core/node-ceiling.js';
export { justify } from './core/justifications.js';

export { ClusterVpc } from './cluster/cluster-vpc.js';
export type { ClusterVpcProps } from './cluster/cluster-vpc.js';
export { NatGateways } from './cluster/nat-gateways.js';
export { EksControlPlane } from './cluster/eks-control-plane.js';
export type { EksControlPlaneProps, ControlPlaneLogType } from './cluster/eks-control-plane.js';
export { SystemNodeGroup } from './cluster/system-node-group.js';
export type { SystemNodeGroupOptions, SystemNodeGroupProps } from './cluster/system-node-group.js';
export { DEFAULT_KUBERNETES_VERSION, EKS_VERSIONS_AS_OF, EKS_ADDONS_AS_OF, EKS_VERSION_CALENDAR, EKS_ADDON_VERSIONS, resolveKubernetesVersion, supportStatus, supportedKubernetesVersions } from './cluster/eks-versions.js';
export type { EksVersionCalendar, CoreAddonName, EksSupportStatus, ResolvedKubernetesVersion } from './cluster/eks-versions.js';
export { parseCidr, isOpenCidr } from './base/cidr.js';
export type { Cidr } from './base/cidr.js';
export { GpuCluster, DEFAULT_AMI_ALIAS, DEFAULT_PROMETHEUS_RELEASE } from './cluster/gpu-cluster.js';
export { StateBackend } from './cluster/state-backend.js';
export { StateBucket, STATE_BUCKET_TAG } from './cluster/state-bucket.js';
export type { StateBucketProps } from './cluster/state-bucket.js';
export type { LocalStateOptions, S3StateOptions } from './cluster/state-backend.js';
export type { GpuClusterProps, ExistingGpuClusterProps, GpuClusterCommonProps, GpuClusterBudget, ClusterSubnet, ClusterNodeGroupProps, ClusterSpotPoolProps } from './cluster/gpu-cluster-props.js';
export { helmProviderFor } from './cluster/cluster-access.js';
export type { ClusterEndpoint } from './cluster/cluster-access.js';
