// The page of `plan mo` in a real browser: Debian's chromium, headless, driven by playwright-core.
// Run by scripts/test-browser.sh, which starts `plan mo --no-browser` and passes its URL in PLAN_URL.
// PLAN_SCREENSHOTS=DIR also writes a screenshot of each screen there (docs/screenshots/ in the repo);
// PLAN_PAGE=FILE serves that page instead of the one built into the binary (to work on it without a rebuild).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const crypto = require("node:crypto");
const { spawnSync } = require("node:child_process");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "..", "..");
const PLAN = process.env.PLAN_BIN || path.join(ROOT, "target", "debug", process.platform === "win32" ? "plan.exe" : "plan");
const URL_ = process.env.PLAN_URL;
const SHOTS = process.env.PLAN_SCREENSHOTS || "";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
if (!URL_) throw new Error("PLAN_URL is not set: run scripts/test-browser.sh");
const origin = new URL(URL_).origin;
const token = new URL(URL_).searchParams.get("t");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "plan-browser-"));
let context, page;
const problems = []; // console errors and page errors, asserted empty at the end

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}
async function shot(name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + ".png"), fullPage: true });
}
// Clicks `selector`, waits for the download it starts, saves it; returns {file, name}.
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const failure = await dl.failure();
  assert.equal(failure, null, "download failed: " + failure);
  const name = dl.suggestedFilename();
  const file = path.join(work, crypto.randomBytes(4).toString("hex") + "-" + name);
  await dl.saveAs(file);
  return { file, name };
}
// A raw GET on the server, with the given headers (Host included), no browser involved.
function rawGet(pathAndQuery, headers) {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: pathAndQuery, method: "GET", headers: headers || {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
function isZip(file) {
  const b = fs.readFileSync(file);
  return b.length > 22 && b.readUInt32LE(0) === 0x04034b50;
}

test.before(async () => {
  const profile = path.join(work, "profile");
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: "vi-VN",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => d.accept());
  // While working on the page: PLAN_PAGE=src/web/page.html serves that file instead of the one built in.
  if (process.env.PLAN_PAGE) {
    const html = fs.readFileSync(process.env.PLAN_PAGE);
    await page.route((u) => new URL(u).pathname === "/", (r) => r.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
  }
  await page.goto(URL_);
  await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
});

test.after(async () => {
  if (context) await context.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test("the page opens in Vietnamese, with four tabs reachable by keyboard", async () => {
  const tabs = await page.locator("[role=tab]").allTextContents();
  assert.deepEqual(tabs, ["Biểu mẫu", "Kiểm tra", "Tổng hợp", "Tiến độ"]);
  assert.equal(await page.getAttribute("html", "lang"), "vi");
  await page.focus("#tab-templates");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-validate", "aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-validate");
  assert.equal(await page.isVisible("#panel-validate"), true);
  assert.equal(await page.isVisible("#panel-templates"), false);
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.isVisible("#panel-templates"), true);
});

test("templates: every office for 2024 is a zip of workbooks; one office and one unit is one xlsx", async () => {
  await page.click("#tab-templates");
  await page.selectOption("#tpl-year", "2024");
  await page.check("#tpl-office-all");
  const all = await download("#tpl-go");
  // Named from the choice (issue 21: every zip was bieu-mau-2025.zip).
  assert.equal(all.name, "bieu-mau_2024_tat-ca.zip");
  assert.ok(isZip(all.file), "not a zip: " + all.name);
  // The zip holds the workbooks `plan template --all --year 2024` writes, by name.
  const cliDir = path.join(work, "cli-templates");
  spawnSync(PLAN, ["template", "--all", "--year", "2024", "-o", cliDir], { stdio: "ignore" });
  const expected = fs.readdirSync(cliDir);
  assert.ok(expected.length >= 2, "the CLI wrote " + expected.length + " templates");
  const zipped = fs.readFileSync(all.file);
  for (const name of expected) assert.ok(zipped.includes(Buffer.from(name)), name + " is not in " + all.name);
  await page.waitForSelector("#tpl-done:not([hidden])");
  await shot("1-bieu-mau");

  await page.uncheck("#tpl-office-all");
  await page.check("input[name='tpl-office'][value='y-te']");
  await page.check("input[name='tpl-unit-mode'][value='one']");
  await page.selectOption("#tpl-unit", "18520");
  const one = await download("#tpl-go");
  assert.match(one.name, /\.xlsx$/);
  assert.ok(isZip(one.file));
  assert.ok(fs.readFileSync(one.file).includes(Buffer.from("xl/workbook.xml")), "no xl/workbook.xml in " + one.name);
  // The same bytes as the CLI's template for the same choice.
  const cliOne = path.join(work, "cli-template.xlsx");
  spawnSync(PLAN, ["template", "--office", "y-te", "--unit", "18520", "--year", "2024", "-o", cliOne], { stdio: "ignore" });
  assert.equal(sha256(one.file), sha256(cliOne), "the page's template differs from the CLI's");

  // The unit list is the units of the year chosen, then the whole district (issue 21: with no year it
  // offered both «Thị trấn Hương Khê (18496)» and «Xã Hương Khê (18496)», and the xã's form read «Thị trấn»).
  const units = () => page.locator("#tpl-unit option:not([disabled])").allTextContents();
  let listed = await units();
  assert.ok(listed.includes("Thị trấn Hương Khê (18496)"), listed.join(" | "));
  assert.ok(!listed.includes("Xã Hương Khê (18496)"), "2024 lists the xã of 2025");
  assert.ok(listed.includes("Toàn huyện Hương Khê (444) — số liệu cấp huyện"), "no district: " + listed.join(" | "));
  await page.selectOption("#tpl-year", "2025");
  listed = await units();
  assert.ok(listed.includes("Xã Hương Khê (18496)"), listed.join(" | "));
  assert.ok(!listed.includes("Thị trấn Hương Khê (18496)"), "2025 lists the thị trấn of 2024");
  await page.selectOption("#tpl-unit", "18496");
  const xa = await download("#tpl-go");
  assert.equal(xa.name, "2025_18496_huong-khe_y-te.xlsx");
  const cliXa = path.join(work, "cli-xa.xlsx");
  spawnSync(PLAN, ["template", "--office", "y-te", "--unit", "Xã Hương Khê", "--year", "2025", "-o", cliXa], { stdio: "ignore" });
  assert.equal(sha256(xa.file), sha256(cliXa), "the page's form of Xã Hương Khê differs from the CLI's");
  // Without a year no commune is offered (a code names different units in different years): the district only.
  await page.selectOption("#tpl-year", "");
  assert.deepEqual(await units(), ["Toàn huyện Hương Khê (444) — số liệu cấp huyện"]);

  // A choice that needs a year says so as a sentence, before anything is asked of the server.
  await page.selectOption("#tpl-year", "");
  await page.check("input[name='tpl-layout'][value='units']");
  await page.click("#tpl-go");
  assert.equal(await page.textContent("#tpl-error"), "Bố cục này cần năm báo cáo: hãy chọn năm.");
  await page.check("input[name='tpl-layout'][value='unit']");
  await page.selectOption("#tpl-year", "2024");
});

test("check: mistakes.xlsx shows its findings with cell and text, coloured as errors", async () => {
  await page.click("#tab-validate");
  await page.setInputFiles("#validate-files", path.join(ROOT, "tests/fixtures/validate/mistakes.xlsx"));
  assert.match(await page.textContent("#validate-chosen"), /Đã chọn 1 tệp/);
  // A second file dropped on the zone (a synthetic drop event carrying a File) joins the choice.
  // A file over the per-file limit is refused with a sentence before anything is sent.
  const big = path.join(work, "quá lớn.xlsx");
  const fd = fs.openSync(big, "w");
  fs.ftruncateSync(fd, 64 * 1024 * 1024 + 1);
  fs.closeSync(fd);
  await page.setInputFiles("#validate-files", big);
  await page.click("#validate-go");
  await page.waitForSelector("#validate-error:not([hidden])");
  assert.match(await page.textContent("#validate-error"), /^Tệp «quá lớn\.xlsx» quá lớn \(64 MB\); mỗi tệp tối đa 64 MB\.$/);
  await page.click("#validate-clear");
  // The file picker opens from the keyboard (focus on «Chọn tệp…», Space).
  await page.focus("#validate-files");
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
  assert.equal(chooser.isMultiple(), true);
  await chooser.setFiles(path.join(ROOT, "tests/fixtures/validate/mistakes.xlsx"));
  const clean = fs.readFileSync(path.join(ROOT, "tests/fixtures/validate/clean.xlsx")).toString("base64");
  const dt = await page.evaluateHandle((b64) => {
    const d = new DataTransfer();
    d.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "clean.xlsx"));
    return d;
  }, clean);
  await page.dispatchEvent("#validate-drop", "drop", { dataTransfer: dt });
  await page.waitForFunction(() => /Đã chọn 2 tệp/.test(document.getElementById("validate-chosen").textContent));
  await page.click("#validate-go");
  await page.waitForSelector("#validate-files article", { timeout: 60000 });
  assert.equal(await page.locator("#validate-files article").count(), 2);
  const ok = page.locator("#validate-files article", { hasText: "clean.xlsx" });
  assert.match(await ok.getAttribute("class"), /v-ok/);
  assert.equal(await ok.locator(".findings li.f-error").count(), 0);
  const card = page.locator("#validate-files article", { hasText: "mistakes.xlsx" });
  assert.equal(await card.count(), 1);
  // The finding whose cell column reads exactly «Báo cáo!E22» (its text names the cell too).
  const e22 = card.locator(".findings li").filter({ has: page.locator(".cell", { hasText: /^Báo cáo!E22$/ }) });
  assert.equal(await e22.count(), 1);
  assert.match(await e22.locator(".text").textContent(), /«12 trẻ»/);
  assert.match(await e22.getAttribute("class"), /f-error/);
  assert.equal((await e22.locator(".lvl").textContent()).trim(), "Lỗi");
  assert.match(await card.getAttribute("class"), /v-bad/);
  const warnings = await card.locator(".findings li.f-warning").count();
  assert.ok(warnings >= 1, "no warning shown");
  // The annotated copy is offered and downloads as a workbook.
  const annotated = card.locator("a.annot");
  assert.equal(await annotated.count(), 1);
  const copy = await download("#validate-files article a.annot");
  assert.ok(isZip(copy.file), "annotated copy is not an xlsx");
  await shot("2-kiem-tra");
});

test("aggregate: the folder examples/2024 gives the same report bytes as the CLI", async () => {
  await page.click("#tab-aggregate");
  await page.setInputFiles("#aggregate-folder", path.join(ROOT, "examples/2024"));
  const n = fs.readdirSync(path.join(ROOT, "examples/2024")).filter((f) => /\.xlsx$/i.test(f)).length;
  assert.match(await page.textContent("#aggregate-chosen"), new RegExp("Đã chọn " + n + " tệp"));
  // Every text the progress line shows is recorded, to see the upload count as it goes.
  await page.evaluate(() => {
    window.seen = [];
    const label = document.querySelector("#aggregate-progress .label");
    new MutationObserver(() => window.seen.push(label.textContent)).observe(label, { childList: true, subtree: true, characterData: true });
  });
  // First run: the year is found from the forms.
  assert.equal(await page.inputValue("#aggregate-year"), "");
  await page.click("#aggregate-go");
  await page.waitForSelector("#aggregate-groups", { timeout: 120000 });
  assert.match(await page.textContent("#aggregate-result h2"), /2024/);
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.some((s) => s.startsWith("Đang tải lên " + n + "/" + n + " tệp")), "no upload count: " + seen.slice(0, 5));
  assert.ok(seen.some((s) => /^Đang tải lên \d+\/\d+ tệp/.test(s) && !s.startsWith("Đang tải lên " + n + "/")), "no partial upload count");
  assert.equal(await page.locator("#aggregate-groups section.group").count(), 4);
  const rows = await page.locator("#aggregate-groups tbody tr").count();
  assert.ok(rows >= 20, "only " + rows + " parts shown");
  assert.ok(await page.locator("#aggregate-groups .chip.s-ok").count() > 0, "no part met");
  assert.ok(await page.locator("#aggregate-groups .chip.s-bad").count() > 0, "no part not met");
  // Issue 21: no green zero («Đạt 0»), the conflicts box says what the summary says, no «= 0 trường hợp».
  const green = await page.locator("#aggregate-result .chip.s-ok").allTextContents();
  assert.ok(green.every((c) => !/(^|\D)0$/.test(c.trim())), "a green zero: " + green.join(" | "));
  assert.equal(await page.locator("#aggregate-conflicts h3").evaluate((e) => e.firstChild.textContent), "Số liệu xung đột");
  const levels = await page.textContent("#aggregate-groups");
  assert.ok(levels.includes("không có"), "no level reads «không có»");
  assert.ok(!/= 0 trường hợp/.test(levels), "a level reads «= 0 trường hợp»");
  await shot("3-tong-hop");

  // Second run of the same choice with the year given: the files are sent again (the server drops a
  // batch once read) and the result comes back the same.
  await page.selectOption("#aggregate-year", "2024");
  await page.click("#aggregate-go");
  await page.waitForSelector("#aggregate-groups", { timeout: 120000 });
  assert.equal(await page.isVisible("#aggregate-error"), false, await page.textContent("#aggregate-error"));
  assert.equal(await page.locator("#aggregate-groups tbody tr").count(), rows);

  // Issue 22: beside who has not reported, the letter that chases them.
  const letter = await download("#aggregate-letter");
  assert.equal(letter.name, "don-doc-2024.docx");
  assert.match(await page.textContent("#aggregate-letter"), /Tải công văn đôn đốc \(\.docx\)/);

  const links = page.locator("#aggregate-result ul.downloads a");
  assert.ok(await links.count() >= 2);
  const report = await download("#aggregate-result ul.downloads li:first-child a");
  assert.match(report.name, /\.xlsx$/);
  const cli = path.join(work, "cli-report.xlsx");
  // The CLI exits 1 here (a file is missing, a workbook has errors) and still writes its report.
  spawnSync(PLAN, ["aggregate", path.join(ROOT, "examples/2024"), "--year", "2024", "-o", cli], { stdio: "ignore" });
  assert.ok(fs.existsSync(cli), "the CLI wrote no report");
  assert.equal(sha256(report.file), sha256(cli), "the page's report differs from the CLI's");

  // A year none of the forms is for: the server's sentence is shown, and nothing else.
  await page.selectOption("#aggregate-year", "2023");
  await page.click("#aggregate-go");
  await page.waitForSelector("#aggregate-error:not([hidden])", { timeout: 120000 });
  const sentence = await page.textContent("#aggregate-error");
  assert.match(sentence, /2023/);
  assert.doesNotMatch(sentence, /panicked|Error:|\bat \S+:\d+|\{/);
  assert.equal(await page.locator("#aggregate-groups").count(), 0);

  // Issue 21: every year's forms with the year left on «tự nhận»: the page names its own year box, no flag.
  await page.click("#aggregate-clear");
  await page.selectOption("#aggregate-year", "");
  await page.setInputFiles("#aggregate-folder", path.join(ROOT, "examples"));
  await page.click("#aggregate-go");
  await page.waitForSelector("#aggregate-error:not([hidden])", { timeout: 180000 });
  const several = await page.textContent("#aggregate-error");
  assert.match(several, /nhiều năm: 2021, 2022, 2023, 2024, 2025; hãy chọn năm ở ô «Năm tổng hợp» phía trên\.$/);
  assert.doesNotMatch(several, /--year/);
});

test("progress: the folder examples/ gives a trend per part with a sparkline each", async () => {
  await page.click("#tab-progress");
  await page.setInputFiles("#progress-folder", path.join(ROOT, "examples"));
  await page.click("#progress-go");
  await page.waitForSelector("#progress-parts", { timeout: 180000 });
  const rows = await page.locator("#progress-parts tbody tr").count();
  assert.ok(rows >= 20, "only " + rows + " parts shown");
  assert.equal(await page.locator("#progress-parts svg.spark").count(), rows);
  assert.ok(await page.locator("#progress-parts svg.spark polyline").count() > 0, "no line drawn");
  assert.match(await page.textContent("#progress-result"), /2021/);
  const wb = await download("#progress-result ul.downloads li:first-child a");
  assert.match(wb.name, /\.xlsx$/);
  assert.ok(isZip(wb.file));
  await shot("4-tien-do");
});

test("requests without the token, from another host name or another origin are refused with 403", async () => {
  const plain = await fetch(origin + "/api/info");
  assert.equal(plain.status, 403);
  const body = await plain.json();
  assert.equal(typeof body.error, "string");
  assert.ok(body.error.length > 10, "no sentence: " + JSON.stringify(body));
  const page403 = await fetch(origin + "/");
  assert.equal(page403.status, 403);
  const wrong = await fetch(origin + "/api/info?t=" + "0".repeat(token.length));
  assert.equal(wrong.status, 403);

  const ok = await rawGet("/api/info?t=" + token);
  assert.equal(ok.status, 200);
  const host = await rawGet("/api/info?t=" + token, { Host: "evil.example:" + new URL(origin).port });
  assert.equal(host.status, 403);
  const cross = await rawGet("/api/info?t=" + token, { Origin: "http://evil.example" });
  assert.equal(cross.status, 403);
  const site = await rawGet("/api/info?t=" + token, { "Sec-Fetch-Site": "cross-site" });
  assert.equal(site.status, 403);
});

test("English with ?lang=en", async () => {
  const en = new URL(URL_);
  en.searchParams.set("lang", "en");
  await page.goto(en.toString());
  await page.waitForSelector("body[data-ready='1']");
  assert.deepEqual(await page.locator("[role=tab]").allTextContents(), ["Templates", "Check", "Aggregate", "Progress"]);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.click("#tab-validate");
  await page.setInputFiles("#validate-files", path.join(ROOT, "tests/fixtures/validate/mistakes.xlsx"));
  await page.click("#validate-go");
  await page.waitForSelector("#validate-files article", { timeout: 60000 });
  const e22 = page.locator("#validate-files .findings li").filter({ has: page.locator(".cell", { hasText: /^Báo cáo!E22$/ }) });
  assert.match(await e22.locator(".text").textContent(), /write the exact number only/);
  await shot("5-en-check");
});

test("no console error, and «Đóng chương trình» stops the server", async () => {
  await page.goto(URL_);
  await page.waitForSelector("body[data-ready='1']");
  assert.deepEqual(problems, []);
  await page.click("#quit");
  await page.waitForSelector("text=Đã đóng chương trình");
  let stopped = false;
  for (let i = 0; i < 50 && !stopped; i++) {
    try { await fetch(origin + "/api/info?t=" + token); await new Promise((r) => setTimeout(r, 100)); } catch (e) { stopped = true; }
  }
  assert.ok(stopped, "the server still answers after /api/quit");
});
