import zlib from "node:zlib";

export interface PageWeight {
  jsBytesGzip: number;
  /** The application's JavaScript without the lesson's own content script (the budget: ≤ 100 KiB). */
  appJsBytesGzip: number;
  /**
   * Remix's route manifest: a file of every route, or (future.v3_lazyRouteDiscovery) the partial one
   * inlined in the page, counted here as its own gzip. Included in both JS figures above.
   */
  manifestBytesGzip: number;
  cssBytesGzip: number;
  htmlBytesGzip: number;
  files: number;
}

/**
 * JavaScript and CSS (gzip) the lesson page downloads: its scripts (including the lesson's content
 * script, which needs the learner's cookie), modulepreloads and stylesheets.
 */
export async function measurePageWeight(baseUrl: string, html: string, cookie: string): Promise<PageWeight> {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="modulepreload"/g)) js.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)) css.add(m[1]!);
  // Remix imports route chunks from the inline module script too.
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|import \* as route\d+ from "([^"]+)"/g))
    js.add((m[1] ?? m[2])!);
  const gz = async (urls: Set<string>) => {
    let total = 0;
    for (const u of urls) {
      const res = await fetch(new URL(u, baseUrl), { headers: { cookie }, redirect: "manual" });
      if (!res.ok) throw new Error(`${u} answered ${res.status}`);
      const body = Buffer.from(await res.arrayBuffer());
      total += zlib.gzipSync(body).length;
    }
    return total;
  };
  const content = new Set([...js].filter((u) => /\/body\.js(\?|$)/.test(u)));
  const manifestFile = new Set([...js].filter((u) => /\/manifest-[^/]*\.js(\?|$)/.test(u)));
  const inlineManifest = /window\.__remixManifest = [\s\S]*?\};\n/.exec(html)?.[0];
  const inlineGzip = inlineManifest ? zlib.gzipSync(inlineManifest).length : 0;
  const jsBytesGzip = (await gz(js)) + inlineGzip;
  return {
    jsBytesGzip,
    appJsBytesGzip: jsBytesGzip - (await gz(content)),
    manifestBytesGzip: (await gz(manifestFile)) + inlineGzip,
    cssBytesGzip: await gz(css),
    htmlBytesGzip: zlib.gzipSync(html).length,
    files: js.size + css.size,
  };
}
