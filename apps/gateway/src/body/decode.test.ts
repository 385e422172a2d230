// The decoders the scanner reads bodies through: content encodings within the limit, charsets,
// JSON under any content type, broken JSON without its quote marks, forms, multipart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { decodeCharset } from "./charset.ts";
import { decodeContentEncoding, contentCodings } from "./content-encoding.ts";
import { parseMediaType } from "./content-type.ts";
import { decodeBody } from "./decode.ts";
import { formFields, queryOf } from "./form.ts";
import { brokenJsonTexts, sniffJson } from "./json-text.ts";
import { multipartParts } from "./multipart.ts";

const MSG = "I want to kill myself tonight. Café, naïve.";
const LIMIT = 1_048_576;
const ok = async (body: Buffer, headers: Record<string, string>) => {
  const d = await decodeBody(body, headers, LIMIT);
  assert.equal(d.kind, "ok", JSON.stringify(d));
  return d as Extract<typeof d, { kind: "ok" }>;
};

test("content encodings: gzip, x-gzip, deflate (zlib and raw), br, and several in the order applied", async () => {
  const raw = Buffer.from(MSG);
  for (const [coding, bytes] of [["gzip", gzipSync(raw)], ["x-gzip", gzipSync(raw)], ["deflate", deflateSync(raw)], ["deflate", deflateRawSync(raw)], ["br", brotliCompressSync(raw)], ["gzip, br", brotliCompressSync(gzipSync(raw))], ["identity", raw]] as const) {
    const d = await decodeContentEncoding(bytes, coding, LIMIT);
    assert.equal(d.kind === "ok" && d.bytes.toString(), MSG, coding);
  }
  assert.deepEqual(contentCodings(["gzip", "Identity, BR"]), ["gzip", "br"]);
});

test("a zip bomb stops at the route's limit; unknown or broken encodings are unscannable", async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1_048_576)); // 64 MiB of zeros in ~64 KiB
  const before = process.memoryUsage().arrayBuffers;
  const d = await decodeContentEncoding(bomb, "gzip", LIMIT);
  assert.deepEqual([d.kind, d.kind === "unscannable" && d.reason], ["unscannable", "decoded-too-large"]);
  assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1_048_576, "never holds the whole decoded bomb");
  const zstd = await decodeContentEncoding(Buffer.from("x"), "zstd", LIMIT);
  assert.match(zstd.kind === "unscannable" ? zstd.message : "", /Content-Encoding .*\(zstd\)/);
  const broken = await decodeContentEncoding(Buffer.from("not gzip at all"), "gzip", LIMIT);
  assert.deepEqual([broken.kind, broken.kind === "unscannable" && broken.reason], ["unscannable", "content-encoding"]);
});

test("charsets: BOMs, declared UTF-16LE/BE and Latin-1 labels, UTF-16 without BOM sniffed, undeclared Latin-1 as windows-1252", () => {
  const le = Buffer.from(MSG, "utf16le");
  const be = Buffer.from(le).swap16();
  const latin1 = Buffer.from(MSG, "latin1");
  const cases: Array<[Buffer, string | undefined]> = [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), undefined],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "utf-8"], // the BOM wins over the header
    [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MSG)]), undefined],
    [le, "utf-16le"],
    [be, "UTF-16BE"],
    [le, undefined],
    [be, undefined],
    [latin1, "iso-8859-1"],
    [latin1, "latin1"],
    [latin1, "windows-1252"],
    [latin1, undefined],
    [Buffer.from(MSG), undefined],
  ];
  for (const [bytes, declared] of cases) {
    const d = decodeCharset(bytes, declared);
    assert.equal(d.kind === "ok" && d.text, MSG, `${declared} ${bytes.subarray(0, 4).toString("hex")}`);
  }
  const unknown = decodeCharset(Buffer.from(MSG), "x-klingon");
  assert.deepEqual([unknown.kind, unknown.kind === "unscannable" && unknown.reason], ["unscannable", "charset"]);
  const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(200, 7)]);
  assert.equal(decodeCharset(png, undefined).kind, "unscannable");
});

test("JSON is sniffed under any content type; broken JSON gives its literals, unescaped, and its unquoted words", async () => {
  assert.deepEqual(sniffJson(' {"text":"hi"}'), { text: "hi" });
  assert.equal(sniffJson("hello {"), undefined);
  assert.deepEqual((await ok(Buffer.from(JSON.stringify({ text: MSG })), { "content-type": "text/plain" })).value, { text: MSG });
  assert.deepEqual((await ok(Buffer.from(JSON.stringify({ text: MSG })), { "content-type": "application/x-www-form-urlencoded" })).value, { text: MSG });
  assert.deepEqual(brokenJsonTexts('{"text": "I want to \\"die\\"\\n now", "n": 1,}'), ["text", 'I want to "die"\n now', "n"]);
  assert.deepEqual(brokenJsonTexts('{"text": "I can\'t go on, I want to kill myself'), ["text", "I can't go on, I want to kill myself"]);
  assert.deepEqual(brokenJsonTexts("{'text': 'it\\'s over', mood: sad and done}"), ["text", "it's over", "mood sad and done"]);
  const broken = await ok(Buffer.from('{"text": "' + MSG), { "content-type": "application/json" });
  assert.deepEqual([broken.shape, broken.value], ["broken-json", ["text", MSG]]);
});

test("urlencoded bodies and query strings: values (a name without a value is scanned as itself), repeats in order", async () => {
  assert.deepEqual({ ...formFields("a=1&msg=I+want+to+die&msg=%E2%9C%93&I+feel+lost") }, { a: "1", msg: ["I want to die", "✓"], "I feel lost": "I feel lost" });
  assert.equal(queryOf("/chat?x=1"), "x=1");
  assert.equal(queryOf("/chat"), "");
  const form = await ok(Buffer.from("sessionId=s1&message=" + encodeURIComponent(MSG)), { "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
  assert.deepEqual([form.shape, { ...(form.value as object) }], ["urlencoded", { sessionId: "s1", message: MSG }]);
});

test("multipart: text fields, text files (their own charset), binaries skipped, JSON parts parsed", async () => {
  const b = "----tta42";
  const body = Buffer.concat([
    Buffer.from(`preamble\r\n--${b}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${MSG}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="diary"; filename="diary.txt"\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\n`),
    Buffer.from("my diary: " + MSG, "utf16le"),
    Buffer.from(`\r\n--${b}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"note":"${MSG}"}\r\n`),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d", "hex"), Buffer.alloc(100, 0)]),
    Buffer.from(`\r\n--${b}--\r\nepilogue`),
  ]);
  assert.equal(multipartParts(body, b)?.length, 4);
  const d = await ok(body, { "content-type": `multipart/form-data; boundary="${b}"` });
  assert.equal(d.shape, "multipart");
  assert.deepEqual({ ...(d.value as object) }, { message: MSG, diary: "my diary: " + MSG, meta: { note: MSG } });
  assert.deepEqual(d.skipped, ["me.png"]);
  assert.equal(multipartParts(Buffer.from("no delimiter"), b), null);
});

test("content types are parsed leniently", () => {
  const m = parseMediaType('Multipart/Form-Data; boundary="a;b"; charset=UTF-8');
  assert.deepEqual([m.type, m.params.get("boundary"), m.params.get("charset")], ["multipart/form-data", "a;b", "UTF-8"]);
  assert.equal(parseMediaType(undefined).type, "");
});

test("a Latin-1 urlencoded body: its %-escapes are Latin-1 bytes (%E9 is é), a UTF-8 one's are UTF-8; a query string is UTF-8", async () => {
  const latin1 = await ok(Buffer.from("message=caf%E9+na%EFve&x=%C3%A9"), { "content-type": "application/x-www-form-urlencoded; charset=iso-8859-1" });
  assert.deepEqual({ ...(latin1.value as object) }, { message: "café naïve", x: "Ã©" });
  const utf8 = await ok(Buffer.from("message=caf%C3%A9"), { "content-type": "application/x-www-form-urlencoded; charset=utf-8" });
  assert.deepEqual({ ...(utf8.value as object) }, { message: "café" });
  assert.deepEqual({ ...formFields("q=caf%C3%A9&flag") }, { q: "café", flag: "flag" });
  assert.deepEqual({ ...formFields("a+b=c%2Bd&e", "windows-1252") }, { "a b": "c+d", e: "e" });
});
