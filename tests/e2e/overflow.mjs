/** Neither the page nor any table inside it scrolls sideways (checked on a 360 px phone). */
export async function noSidewaysScroll(h, page, name) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    tables: [...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth),
  }));
  h.expect.ok(overflow.page <= 0, `${name} scrolls sideways by ${overflow.page}px`);
  for (const t of overflow.tables) h.expect.ok(t <= 0, `${name}: a table scrolls sideways by ${t}px`);
}
