import type { Metadata } from "next";
import { RouteEditor } from "@/components/routes/route-editor";

export const metadata: Metadata = { title: "Edit route" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <h1>Edit route</h1>
      <RouteEditor id={decodeURIComponent(id)} />
    </>
  );
}
