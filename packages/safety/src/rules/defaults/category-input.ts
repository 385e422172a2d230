// The input shape of one category, for the default rule files.
import type { z } from "zod";
import type { ZCategory } from "../schema.ts";

export type CategoryInput = z.input<typeof ZCategory>;
