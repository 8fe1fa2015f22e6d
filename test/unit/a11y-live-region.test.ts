import { afterEach, expect, test } from 'vitest';
import { cdp, page } from 'vitest/browser';
import { widgetIn } from './element-helpers.js';

afterEach(() => {
  for (const element of document.querySelectorAll('oauth-connect')) element.remove();
});

interface AXNode {
  role?: { value: string };
  name?: { value: string };
  properties?: { name: string; value: { value: unknown } }[];
}

/** The status nodes of every frame's accessibility tree, as Chromium gives them to screen readers. */
async function statusNodes(): Promise<AXNode[]> {
  type Frame = { frame: { id: string }; childFrames?: Frame[] };
  const { frameTree } = (await cdp().send('Page.getFrameTree')) as { frameTree: Frame };
  const frames: Frame[] = [frameTree];
  for (let index = 0; index < frames.length; index++) frames.push(...(frames[index].childFrames ?? []));
  const found: AXNode[] = [];
  for (const { frame } of frames) {
    const { nodes } = (await cdp().send('Accessibility.getFullAXTree', { frameId: frame.id })) as { nodes: AXNode[] };
    found.push(...nodes.filter((node) => node.role?.value === 'status'));
  }
  return found;
}

/** The live-region properties of the one status node: `live`, `atomic`, `relevant`. */
async function liveRegion(): Promise<Record<string, unknown>> {
  const nodes = await statusNodes();
  expect(nodes).toHaveLength(1);
  return Object.fromEntries(nodes[0].properties!.map(({ name, value }) => [name, value.value]));
}

test('the status line is a polite live region from the start, before it has anything to say', async () => {
  await widgetIn('idle');
  await expect.element(page.getByRole('status')).toHaveTextContent(/^$/);
  expect(await liveRegion()).toMatchObject({ live: 'polite', atomic: true });
});

test('it stays one polite live region while it speaks', async () => {
  await widgetIn('connected');
  await expect.element(page.getByRole('status')).toHaveTextContent('Connected as dana@example.test');
  expect(await liveRegion()).toMatchObject({ live: 'polite', atomic: true });
});
