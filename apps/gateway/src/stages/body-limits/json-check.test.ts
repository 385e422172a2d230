import { test } from "node:test";
import assert from "node:assert/strict";
import { checkJson } from "./json-check.ts";

test("valid JSON texts pass, as JSON.parse would take them", () => {
  for (const ok of ['{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"],"b":{}}', "[]", " 42 ", '"s"', "null", '{"nested":[[[[{}]]]]}', "0", "-0.1E+2"]) {
    assert.equal(checkJson(ok), null, ok);
    JSON.parse(ok);
  }
});

test("broken JSON texts are refused with the position, line and column of the first error", () => {
  assert.deepEqual(checkJson('{"a":1,}'), { message: 'expected a property name in quotes, found "}"', position: 7, line: 1, column: 8 });
  assert.deepEqual(checkJson('{\n  "a": tru\n}'), { message: 'unexpected "t"', position: 9, line: 2, column: 8 });
  assert.equal(checkJson('{"a":1} x')?.position, 8);
  assert.equal(checkJson("[1,2")?.message, 'expected "," or "]", found the end of the body');
  for (const bad of ["", "{", "'single'", "01", "1.", "-", '"a\u0001"', '"\\x"', '"\\u12"', "NaN", "[1,]", '{"a" 1}', "{a:1}"]) {
    assert.notEqual(checkJson(bad), null, JSON.stringify(bad));
    assert.throws(() => JSON.parse(bad), SyntaxError, JSON.stringify(bad));
  }
  assert.match(checkJson("[".repeat(300) + "]".repeat(300))?.message ?? "", /nested deeper/);
});
