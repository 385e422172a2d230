// Any address the console does not know, for a signed-in user: the not-found page inside the
// console's frame (navigation, sign-out), not a dead end.
import { notFound } from "next/navigation";

export default function Missing() {
  notFound();
}
