import type { Metadata } from "next";
import { ServiceEditor } from "@/components/services/service-editor";

export const metadata: Metadata = { title: "Service" };

// The heading names the service, so the editor draws it once the service has loaded.
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ServiceEditor id={decodeURIComponent(id)} />;
}
