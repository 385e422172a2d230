import { createTRPCRouter } from "../../trpc.ts";
import { acknowledge } from "./acknowledge.ts";
import { addNote } from "./add-note.ts";
import { assign } from "./assign.ts";
import { counts } from "./counts.ts";
import { get } from "./get.ts";
import { history } from "./history.ts";
import { historyOptions } from "./history-options.ts";
import { live } from "./live.ts";
import { queue } from "./queue.ts";
import { resolve } from "./resolve.ts";
import { sendMessage } from "./send-message.ts";

export const escalationsRouter = createTRPCRouter({ queue, get, history, historyOptions, live, counts, acknowledge, assign, addNote, resolve, sendMessage });
