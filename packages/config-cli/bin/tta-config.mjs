#!/usr/bin/env node
// The installed command: the TypeScript sources run through tsx, as every script of this repo does.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
