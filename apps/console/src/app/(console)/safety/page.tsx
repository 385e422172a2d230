import type { Metadata } from "next";
import { SafetyPage } from "@/components/safety/safety-page";

export const metadata: Metadata = { title: "Safety rules" };

export default function Page() {
  return <SafetyPage />;
}
