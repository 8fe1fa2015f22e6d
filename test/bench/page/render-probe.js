// Loaded before the element's script on the render pages: holds back customElements.define so that the timed
// part is exactly define + first render + layout of the elements already in the page.
(() => {
  const registry = window.customElements;
  const held = [];
  registry.define = (name, constructor, options) => {
    held.push([name, constructor, options]);
  };

  window.benchRender = async () => {
    delete registry.define;
    const elements = [...document.querySelectorAll('#elements > *')];
    const start = performance.now();
    for (const [name, constructor, options] of held) registry.define(name, constructor, options);
    await Promise.all(elements.map((element) => element.updateComplete));
    void document.body.offsetHeight; // forces style and layout of the whole page, shadow trees included
    const elapsed = performance.now() - start;
    return {
      elapsed,
      defined: held.map(([name]) => name),
      rendered: elements.filter((element) => element.shadowRoot && element.shadowRoot.childElementCount > 0).length,
      height: document.getElementById('elements').offsetHeight,
    };
  };
})();
