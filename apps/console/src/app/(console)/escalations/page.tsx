import type { Metadata } from "next";
import { EscalationsPage } from "@/components/escalations/escalations-page";

export const metadata: Metadata = { title: "Escalations" };

export default function Page() {
  return <EscalationsPage />;
}
