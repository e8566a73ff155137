import { launchBrowser, serveStatic, visit } from '/work/wt/truth/test/helpers/browser.ts';
const [root, out, ...paths] = process.argv.slice(2);
const server = await serveStatic(root!);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
for (const p of paths) {
  const [path, selector] = p.split('#');
  const { page } = await visit(context, server.url + path);
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const name = `${out}/${path.replace(/\//g, '_') || 'root'}${selector ? '-' + selector : ''}.png`;
  if (selector) await page.locator('#' + selector).first().screenshot({ path: name });
  else await page.screenshot({ path: name, fullPage: true });
  console.log(name);
  await page.close();
}
await browser.close();
await server.close();
