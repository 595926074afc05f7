import { runNode, runWorkflow, loadPackage } from '../helpers/engine';

describe('engine harness', () => {
	it('loads every node the package declares', async () => {
		const loader = await loadPackage();
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(
			['autoRespond', 'matchAccount', 'normalizeLead', 'routeLead', 'slaTimer', 'slaTimerTrigger'].sort(),
		);
	});

	it('runs a node on the real engine', async () => {
		const { out, run } = await runNode('routeLead', {}, { input: [{ a: 1 }, { a: 2 }] });
		expect(run.status).toBe('success');
		expect(out[0]).toEqual([{ a: 1 }, { a: 2 }]);
	});

	it('runs connected nodes', async () => {
		const result = await runWorkflow({
			nodes: [
				{ id: '1', name: 'A', type: 'n8n-nodes-lead-routing.routeLead', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: '2', name: 'B', type: 'n8n-nodes-lead-routing.slaTimer', typeVersion: 1, position: [0, 0], parameters: {} },
			],
			connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } },
		}, { input: [{ x: 1 }] });
		expect(result.outputs('B')[0]).toEqual([{ x: 1 }]);
	});
});
