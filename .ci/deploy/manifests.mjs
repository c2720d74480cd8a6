// Checks of rendered Kubernetes manifests and of the Grafana dashboard, for .ci/deploy-checks.
//
//   node manifests.mjs validate FILE...          every object against its schema
//   node manifests.mjs compare CHART KUSTOMIZE   the two renderings hold the same objects
//   node manifests.mjs dashboard-rules JSON      the dashboard's queries as a Prometheus rule
//                                                file, for promtool to check their syntax
//   node manifests.mjs prometheus-rules FILE     the rule groups of the PrometheusRules in a
//                                                rendering, as a rule file for promtool
//
// Schemas: the JSON schemas of the Kubernetes OpenAPI definitions as the kubernetes-models
// package compiles them (types, required fields, enums, formats, patterns), and those of the
// Prometheus Operator's CRDs from @kubernetes-models/prometheus-operator. On top of them, a
// field the schema does not know is an error, as the API server's strict field validation
// makes it (kubectl apply --validate=strict).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments, stringify } from 'yaml';

const MODEL_PACKAGES = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
};

function documents(file) {
  const parsed = parseAllDocuments(readFileSync(file, 'utf8'));
  const objects = [];
  for (const document of parsed) {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors[0].message}`);
    }
    const object = document.toJS();
    if (object !== null && object !== undefined) {
      objects.push(object);
    }
  }
  return objects;
}

async function modelOf(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const module = group === '' ? `kubernetes-models/${apiVersion}`
    : MODEL_PACKAGES[group] ? `${MODEL_PACKAGES[group]}/${apiVersion.slice(slash + 1)}`
      : `kubernetes-models/${apiVersion}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

// The schema validators read each property they know by name; a copy of the object that
// records those reads tells which fields no schema knows. Objects whose schema lists no
// properties (free-form maps, labels) are enumerated instead, and then not judged.
const tracked = new WeakMap();

function tracking(value) {
  if (Array.isArray(value)) {
    return value.map(tracking);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const copy = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = tracking(child);
  }
  const reads = { names: new Set(), enumerated: false };
  const proxy = new Proxy(copy, {
    get(target, property, receiver) {
      if (typeof property === 'string') reads.names.add(property);
      return Reflect.get(target, property, receiver);
    },
    has(target, property) {
      if (typeof property === 'string') reads.names.add(property);
      return Reflect.has(target, property);
    },
    ownKeys(target) {
      reads.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
  tracked.set(proxy, { copy, reads });
  return proxy;
}

function unknownFields(value, path, found) {
  if (Array.isArray(value)) {
    value.forEach((child, index) => unknownFields(child, `${path}/${index}`, found));
    return found;
  }
  const entry = tracked.get(value);
  if (entry === undefined) {
    return found;
  }
  const { copy, reads } = entry;
  if (!reads.enumerated && reads.names.size > 0) {
    for (const key of Object.keys(copy)) {
      if (!reads.names.has(key)) found.push(`${path}/${key}`);
    }
  }
  for (const [key, child] of Object.entries(copy)) {
    unknownFields(child, `${path}/${key}`, found);
  }
  return found;
}

async function validate(files) {
  const problems = [];
  const seen = new Set();
  let count = 0;
  for (const file of files) {
    for (const object of documents(file)) {
      count++;
      const where = `${file}: ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`;
      if (!object.metadata?.name) {
        problems.push(`${where}: metadata.name is missing`);
      }
      const identity = `${file}|${object.apiVersion}|${object.kind}|${object.metadata?.namespace ?? ''}|${object.metadata?.name}`;
      if (seen.has(identity)) {
        problems.push(`${where}: defined twice`);
      }
      seen.add(identity);
      const model = await modelOf(String(object.apiVersion), String(object.kind));
      if (model === undefined) {
        problems.push(`${where}: no schema for ${object.apiVersion} ${object.kind}`);
        continue;
      }
      const copy = tracking(object);
      try {
        model.prototype.validate.call(copy);
      } catch (error) {
        problems.push(`${where}: ${error.message}`);
      }
      for (const field of unknownFields(copy, '', [])) {
        problems.push(`${where}: unknown field ${field}`);
      }
    }
  }
  if (count === 0) {
    problems.push(`no object in ${files.join(', ')}`);
  }
  return { count, problems };
}

// Chart and kustomize renderings of the same defaults differ only in Helm's own labels, the
// chart's checksum annotations, namespaces, and the hash kustomize appends to ConfigMap names.
function normalized(objects, hashedNames) {
  const renamed = new Map();
  if (hashedNames) {
    for (const object of objects) {
      const match = object.kind === 'ConfigMap' && /^(.*)-[a-z0-9]{10}$/.exec(object.metadata.name);
      if (match) renamed.set(object.metadata.name, match[1]);
    }
  }
  const rename = (value) => {
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, rename(child)]));
    }
    return typeof value === 'string' && renamed.has(value) ? renamed.get(value) : value;
  };
  const cleanMetadata = (metadata) => {
    if (!metadata) return;
    delete metadata.namespace;
    if (metadata.labels) {
      delete metadata.labels['helm.sh/chart'];
      delete metadata.labels['app.kubernetes.io/managed-by'];
    }
    if (metadata.annotations) {
      for (const key of Object.keys(metadata.annotations)) {
        if (key.startsWith('checksum/')) delete metadata.annotations[key];
      }
      if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
    }
  };
  const byKey = new Map();
  for (const original of objects) {
    const object = rename(structuredClone(original));
    cleanMetadata(object.metadata);
    cleanMetadata(object.spec?.template?.metadata);
    if (object.kind === 'ConfigMap' && object.data) {
      for (const [key, text] of Object.entries(object.data)) {
        if (key.endsWith('.yml') || key.endsWith('.yaml')) object.data[key] = parse(text);
      }
    }
    byKey.set(`${object.kind}/${object.metadata.name}`, object);
  }
  return byKey;
}

function differences(left, right, path, found) {
  if (isDeepStrictEqual(left, right)) return found;
  if (left && right && typeof left === 'object' && typeof right === 'object'
      && Array.isArray(left) === Array.isArray(right)) {
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      differences(left[key], right[key], `${path}/${key}`, found);
    }
    return found;
  }
  found.push(`${path}: chart ${JSON.stringify(left)}, kustomize ${JSON.stringify(right)}`);
  return found;
}

function compare(chartFile, kustomizeFile) {
  const chart = normalized(documents(chartFile), false);
  const kustomize = normalized(documents(kustomizeFile), true);
  const problems = [];
  for (const key of new Set([...chart.keys(), ...kustomize.keys()])) {
    if (!chart.has(key)) problems.push(`${key}: only in ${kustomizeFile}`);
    else if (!kustomize.has(key)) problems.push(`${key}: only in ${chartFile}`);
    else differences(chart.get(key), kustomize.get(key), key, problems);
  }
  return { count: chart.size, problems };
}

// Grafana's variables, replaced by values that keep each query valid PromQL.
function withoutVariables(query) {
  return query
    .replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, '5m')
    .replace(/\$\{[^}]*\}|\$\w+/g, 'x');
}

function dashboardRules(file) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  const rules = [];
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node !== null && typeof node === 'object') {
      if (typeof node.expr === 'string') {
        rules.push({ record: `dashboard:query:${rules.length}`, expr: withoutVariables(node.expr) });
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(dashboard.panels);
  for (const variable of dashboard.templating?.list ?? []) {
    const query = typeof variable.query === 'object' ? variable.query?.query : variable.query;
    const labelValues = variable.type === 'query' && /^\s*label_values\((.*),\s*\w+\s*\)\s*$/s.exec(query ?? '');
    if (labelValues) {
      rules.push({ record: `dashboard:variable:${variable.name}`, expr: withoutVariables(labelValues[1]) });
    }
  }
  return stringify({ groups: [{ name: 'dashboard-queries', rules }] });
}

function prometheusRules(file) {
  const groups = documents(file).filter((object) => object.kind === 'PrometheusRule')
    .flatMap((rule) => rule.spec.groups);
  if (groups.length === 0) {
    throw new Error(`${file}: no PrometheusRule`);
  }
  return stringify({ groups });
}

function report(what, { count, problems }) {
  if (problems.length > 0) {
    for (const problem of problems) console.error(`  ${problem}`);
    console.error(`${what}: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(`${what}: ${count} object(s) OK`);
}

const [command, ...files] = process.argv.slice(2);
if (command === 'validate') {
  report('schema validation', await validate(files));
} else if (command === 'compare' && files.length === 2) {
  report(`${basename(files[1])} against ${basename(files[0])}`, compare(files[0], files[1]));
} else if (command === 'dashboard-rules' && files.length === 1) {
  process.stdout.write(dashboardRules(files[0]));
} else if (command === 'prometheus-rules' && files.length === 1) {
  process.stdout.write(prometheusRules(files[0]));
} else {
  console.error('usage: manifests.mjs validate FILE... | compare CHART KUSTOMIZE | dashboard-rules DASHBOARD'
    + ' | prometheus-rules FILE');
  process.exit(2);
}
