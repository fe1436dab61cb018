import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const dir = join(__dirname, '../fixtures/mig/');

/** Reads a file of test/fixtures/mig. */
export function fixture(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

export interface FixtureProfile {
  name: string;
  maxCount: number;
  memoryGB: number;
  computeSlices: number;
  memorySlices: number;
  k8sResourceName: string;
}

export interface FixtureGpu {
  gpuModel: string;
  karpenterGpuName?: string;
  karpenterGpuMemoryMiB?: number;
  pciDeviceIds: string[];
  profiles: FixtureProfile[];
  awsInstanceTypes: string[];
}

/** profiles.json (copied from the reference data). */
export function profilesJson(): { gpus: FixtureGpu[]; nonMigGpusOnAws: Record<string, string[]> } {
  return JSON.parse(fixture('profiles.json'));
}

/** Profile name -> { starts, size } from `nvidia-smi mig -lgip` + `-lgipp` captures of one GPU. */
export function measuredPlacements(gpu: 'h100' | 'h200'): Map<string, { starts: number[]; size: number }> {
  const idToName = new Map<string, string>();
  for (const m of fixture(`${gpu}-lgip.txt`).matchAll(/MIG (\S+)\s+(\d+)\s+\d+\/\d+/g)) idToName.set(m[2]!, m[1]!);
  const out = new Map<string, { starts: number[]; size: number }>();
  for (const m of fixture(`${gpu}-lgipp.txt`).matchAll(/Profile ID\s+(\d+) Placements?\s*: \{([\d,]+)\}:(\d+)/g)) {
    out.set(idToName.get(m[1]!)!, { starts: m[2]!.split(',').map(Number), size: Number(m[3]) });
  }
  return out;
}

/** Max instances per profile from the `-lgip` capture (Instances Free/Total). */
export function measuredCounts(gpu: 'h100' | 'h200'): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of fixture(`${gpu}-lgip.txt`).matchAll(/MIG (\S+)\s+\d+\s+\d+\/(\d+)/g)) out.set(m[1]!, Number(m[2]));
  return out;
}

export interface DefaultEntry {
  'device-filter'?: string | string[];
  devices: string;
  'mig-enabled': boolean;
  'mig-devices'?: Record<string, number>;
}

/** The GPU Operator's default mig-parted config. */
export function defaultMigPartedConfig(): { version: string; 'mig-configs': Record<string, DefaultEntry[]> } {
  return parse(fixture('default-mig-parted-config.yaml'));
}
