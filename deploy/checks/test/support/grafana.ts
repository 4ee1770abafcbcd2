import { parse } from 'yaml';
import { filesUnder, readRepoFile } from './repo.js';

export interface DataSourceRef {
  type?: string;
  uid?: string;
}

export interface Target {
  refId?: string;
  datasource?: DataSourceRef;
  expr?: string;
  query?: string;
}

export interface Panel {
  id?: number;
  type: string;
  title?: string;
  datasource?: DataSourceRef | null;
  targets?: Target[];
  panels?: Panel[];
}

export interface Variable {
  name: string;
  type: string;
  datasource?: DataSourceRef | null;
  query?: string | { query?: string };
}

export interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating?: { list: Variable[] };
}

export const dashboardsFolder = 'deploy/grafana/dashboards';
export const provisioningFolder = 'deploy/grafana/provisioning';

export function dashboardFiles(): string[] {
  return filesUnder(dashboardsFolder, (name) => name.endsWith('.json'));
}

export function loadDashboard(file: string): Dashboard {
  return JSON.parse(readRepoFile(file)) as Dashboard;
}

/** Every panel, including those inside rows. */
export function allPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

export interface ProvisionedDataSource {
  name: string;
  uid: string;
  type: string;
  url: string;
}

export function provisionedDataSources(): ProvisionedDataSource[] {
  return filesUnder(`${provisioningFolder}/datasources`, (name) => /\.ya?ml$/.test(name)).flatMap(
    (file) => (parse(readRepoFile(file)) as { datasources?: ProvisionedDataSource[] }).datasources ?? [],
  );
}

export function dashboardProviders(): { name: string; options: { path: string } }[] {
  return filesUnder(`${provisioningFolder}/dashboards`, (name) => /\.ya?ml$/.test(name)).flatMap(
    (file) =>
      (parse(readRepoFile(file)) as { providers?: { name: string; options: { path: string } }[] })
        .providers ?? [],
  );
}

export function variableQuery(variable: Variable): string {
  return typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
}
