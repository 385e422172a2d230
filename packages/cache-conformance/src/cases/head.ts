// HEAD (RFC 9110 §9.3.2, RFC 9111 §4): a stored GET answer may answer HEAD, never with a body;
// a stored HEAD answer has no content and cannot answer a GET.
import type { Case } from "../types.ts";
import { answer, fail, na, pass, res, send } from "./dsl.ts";

const cacheable = () => ({ headers: { "cache-control": "max-age=100" } });

export const head: Case[] = [
  {
    id: "head-from-stored-get",
    topic: "head", level: "may", ref: "RFC 9111 §4, RFC 9110 §9.3.2",
    title: "a HEAD is answered from a fresh stored GET answer",
    withoutCache: "fail-or-na",
    origin: cacheable,
    steps: [send({}), send({ method: "HEAD" })],
    check: (t) => {
      const r = res(t, 1);
      if (t.origin.length !== 1) return fail(`expected 1 origin request, saw ${t.origin.length}`);
      return r.status === 200 ? pass("200 from the store") : fail(`expected 200, got ${r.status}`);
    },
  },
  {
    id: "head-has-no-body",
    topic: "head", level: "must", ref: "RFC 9110 §9.3.2",
    title: "a HEAD answered after a stored GET carries no content",
    withoutCache: "pass",
    origin: cacheable,
    steps: [send({}), send({ method: "HEAD" })],
    check: (t) => {
      const r = res(t, 1);
      if (r.status === 0) return fail(`no answer (${r.error})`);
      return r.body === "" ? pass(`${r.status} without content`) : fail(`HEAD answered with ${r.body.length} bytes of content`);
    },
  },
  {
    id: "head-not-used-for-get",
    topic: "head", level: "must", ref: "RFC 9111 §4",
    title: "a stored answer to HEAD (max-age=100) does not answer a later GET",
    withoutCache: "pass",
    origin: cacheable,
    steps: [send({ method: "HEAD" }), send({})],
    check: (t) => {
      if (t.origin[0]?.method === "GET") return na("the cache fetched the HEAD with a GET, so what it stored is a GET answer");
      const r = res(t, 1);
      if (t.origin.length < 2) return fail(`expected the GET at the origin, saw ${t.origin.length} origin requests (client got ${r.status}, ${r.body.length} bytes)`);
      return r.status === 200 && r.body === answer(2) ? pass("GET went to the origin") : fail(`expected 200 "${answer(2)}", got ${r.status} "${r.body}"`);
    },
  },
];
