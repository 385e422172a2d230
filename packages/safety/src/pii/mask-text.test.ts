import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskPii, piiKinds } from "./mask-text.ts";

const masks = (input: string, expected: string) => assert.equal(maskPii(input), expected);
const keeps = (input: string) => assert.equal(maskPii(input), input);

describe("maskPii", () => {
  it("emails", () => {
    masks("write to jo.ann+tta@mail.example.co.uk today", "write to [EMAIL] today");
    keeps("meet @ noon, bring the sword@home plan");
  });
  it("phone numbers: US and international formats, bare digits only with a phone word", () => {
    masks("call (555) 123-4567", "call [PHONE]");
    masks("call 555.123.4567 or 1-555-123-4567", "call [PHONE] or [PHONE]");
    masks("ring +44 20 7946 0958 or +33 6 12 34 56 78", "ring [PHONE] or [PHONE]");
    masks("my phone: 5551234567", "my phone: [PHONE]");
    keeps("order 5551234567 shipped");
    keeps("it happened on 2024-01-31 at 12:30");
  });
  it("SSNs, not impossible ones; bare nine digits only with an SSN word", () => {
    masks("ssn 123-45-6789", "ssn [SSN]");
    masks("social security number is 123456789", "social security number is [SSN]");
    keeps("code 000-12-3456 and 666-12-3456");
    keeps("ticket 123456789");
  });
  it("context words as keys of JSON held in a text (an upstream echoing a request body)", () => {
    masks('{"dateOfBirth":"1990-04-12","birth_date":"12/04/1990"}', '{"dateOfBirth":"[DOB]","birth_date":"[DOB]"}');
    masks('{"mrn":"4481234","ssn":"123456789"}', '{"mrn":"[MRN]","ssn":"[SSN]"}');
    masks("date_of_birth='1990-04-12'", "date_of_birth='[DOB]'");
  });
  it("payment cards: only Luhn-valid numbers", () => {
    masks("card 4111 1111 1111 1111 exp 12/27", "card [CARD] exp 12/27");
    masks("card 5500-0055-5555-5559", "card [CARD]");
    masks("amex 378282246310005", "amex [CARD]");
    keeps("order 4111 1111 1111 1112");
    keeps("id 1234567890123456");
  });
  it("dates of birth in a DOB context only", () => {
    masks("DOB: 03/14/2009", "DOB: [DOB]");
    masks("date of birth is 2009-03-14", "date of birth is [DOB]");
    masks("I was born on March 14, 2009", "I was born on [DOB]");
    masks("born 14th of March 2009", "born [DOB]");
    keeps("the quest started 03/14/2009");
  });
  it("medical record numbers with their context word", () => {
    masks("MRN: 00123456", "MRN: [MRN]");
    masks("medical record number is MRN 00-123-456", "medical record number is MRN [MRN]");
    masks("patient id A1234567", "patient id [MRN]");
    keeps("mrn is unknown");
  });
  it("tokens and keys: JWTs, bearer tokens, provider key shapes, long random secrets", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    masks(`token ${jwt}`, "token [SECRET]");
    masks("Authorization: Bearer abc123def456ghi789jkl", "Authorization: Bearer [SECRET]");
    masks("keys sk_live_4eC39HqLyjWDarjtT1zdp7dc ghp_1234567890abcdefghijklmnopqrstuvwxyz AKIAIOSFODNN7EXAMPLE", "keys [SECRET] [SECRET] [SECRET]");
    masks("password=hunter22 api_key: 9f8e7d6c5b4a39281706", "password=[SECRET] api_key: [SECRET]");
    masks("sha 3f786850e387550fdab836ed7e6dc881de23001b", "sha [SECRET]");
    masks("blob Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1OT1A=", "blob [SECRET]");
    keeps("the token is a small gold coin");
    keeps("visit https://example.com/players/settings/notifications-and-email-preferences");
  });
  it("lists the kinds present without their values", () => {
    assert.deepEqual(piiKinds("a@b.co and 555-123-4567").sort(), ["email", "phone"]);
  });
});
