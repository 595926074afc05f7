/**
 * Checks a workflow against the node types a running n8n serves to its editor (/types/nodes.json): unknown types or
 * versions, parameters the node does not have, option values it does not offer, and the parameter issues the editor
 * itself would show (n8n-workflow's NodeHelpers.getNodeParametersIssues).
 */
import { NodeHelpers } from 'n8n-workflow';
import type {
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string; index: number }> | null> }>;
}

export class NodeTypeCatalog {
	private readonly byName = new Map<string, INodeTypeDescription[]>();

	constructor(descriptions: INodeTypeDescription[]) {
		for (const d of descriptions) {
			const list = this.byName.get(d.name) ?? [];
			list.push(d);
			this.byName.set(d.name, list);
		}
	}

	has(type: string): boolean {
		return this.byName.has(type);
	}

	get(type: string, version: number): INodeTypeDescription | undefined {
		return this.byName.get(type)?.find((d) => versions(d).includes(version));
	}

	latest(type: string): number | undefined {
		const all = (this.byName.get(type) ?? []).flatMap(versions);
		return all.length ? Math.max(...all) : undefined;
	}
}

function versions(d: INodeTypeDescription): number[] {
	return Array.isArray(d.version) ? d.version : [d.version];
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

function isPropertyCollection(
	option: INodePropertyOptions | INodeProperties | INodePropertyCollection,
): option is INodePropertyCollection {
	return 'values' in option && Array.isArray(option.values);
}

/** Problems with parameter names and literal option values, recursing into collections. */
function checkValues(properties: INodeProperties[], values: Record<string, unknown>, path: string, problems: string[]) {
	for (const [key, value] of Object.entries(values)) {
		const candidates = properties.filter((p) => p.name === key);
		if (!candidates.length) {
			problems.push(`${path}${key}: the node has no such parameter`);
			continue;
		}
		if (isExpression(value) || value === null || value === undefined) continue;
		const errors = candidates.map((p) => checkOne(p, value, `${path}${key}`));
		// A name may exist in several displayOptions variants; one variant accepting the value is enough.
		if (errors.every((e) => e.length)) problems.push(...errors[0]);
	}
}

function checkOne(property: INodeProperties, value: unknown, path: string): string[] {
	const problems: string[] = [];
	const options = property.options ?? [];
	const dynamic = Boolean(property.typeOptions?.loadOptionsMethod ?? property.typeOptions?.loadOptions);
	if ((property.type === 'options' || property.type === 'multiOptions') && !dynamic) {
		const allowed = options.map((o) => ('value' in o ? o.value : undefined));
		const given = property.type === 'multiOptions' && Array.isArray(value) ? value : [value];
		for (const v of given) {
			if (!isExpression(v) && !allowed.includes(v as never))
				problems.push(`${path}: "${String(v)}" is not one of ${allowed.join(', ')}`);
		}
	} else if (property.type === 'collection' && typeof value === 'object') {
		checkValues(options as INodeProperties[], value as Record<string, unknown>, `${path}.`, problems);
	} else if (property.type === 'fixedCollection' && typeof value === 'object') {
		for (const [group, entries] of Object.entries(value as Record<string, unknown>)) {
			const option = options.find((o) => o.name === group);
			if (!option || !isPropertyCollection(option)) {
				problems.push(`${path}.${group}: no such group`);
				continue;
			}
			const list = Array.isArray(entries) ? entries : [entries];
			list.forEach((entry, i) =>
				checkValues(option.values, entry as Record<string, unknown>, `${path}.${group}[${i}].`, problems),
			);
		}
	}
	return problems;
}

/** Every problem the editor would show for `node`, plus unknown parameters and option values. */
export function nodeProblems(node: INode, catalog: NodeTypeCatalog): string[] {
	const description = catalog.get(node.type, node.typeVersion);
	if (!description) {
		return [
			catalog.has(node.type) ? `unknown version ${node.typeVersion} of ${node.type}` : `unknown node type ${node.type}`,
		];
	}
	const problems: string[] = [];
	checkValues(description.properties, node.parameters as Record<string, unknown>, '', problems);
	const withDefaults = NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	);
	const issues = NodeHelpers.getNodeParametersIssues(
		description.properties,
		{ ...node, parameters: withDefaults ?? {} },
		description,
	);
	if (issues) problems.push(...NodeHelpers.nodeIssuesToString(issues, node));
	return problems.map((p) => `${node.name}: ${p}`);
}
