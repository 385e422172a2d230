import type { Metadata } from "next";
import { ServiceEditor } from "@/components/services/service-editor";

export const metadata: Metadata = { title: "Service" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <h1>Service</h1>
      <ServiceEditor id={decodeURIComponent(id)} />
    </>
  );
}
