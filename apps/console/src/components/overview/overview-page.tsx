"use client";
// /overview, where admins and operators land: one tile per thing to keep an eye on, each a link to
// the page with its detail. The gateway tiles follow the live stream (the Operations page's data);
// the configuration and escalation tiles reload every few seconds. Other roles get the tiles their
// role may read (the server refuses them the rest anyway).
import type { ReactNode } from "react";
import { useCurrentUser } from "../current-user";
import { ConnectionStatus } from "../operations/connection-status";
import { useLiveOperations } from "../operations/use-live-operations";
import { useNow } from "../operations/use-now";
import { ErrorNotice } from "../ui/error-notice";
import { ConfigTile, useConfigStatus } from "./config-tile";
import { EscalationsTile } from "./escalations-tile";
import { LiveTiles } from "./live-tiles";

export function OverviewPage() {
  const { user } = useCurrentUser();
  const operates = user.roles.includes("admin") || user.roles.includes("operator");
  const clinician = user.roles.includes("clinician");
  return operates ? <OperatorOverview clinician={clinician} /> : <LimitedOverview clinician={clinician} />;
}

function Head({ children }: { children?: ReactNode }) {
  return (
    <div className="page-head">
      <div>
        <h1>Overview</h1>
        <p className="muted">Gateways, traffic, configuration and escalations at a glance. Each tile opens its page.</p>
      </div>
      {children}
    </div>
  );
}

function OperatorOverview({ clinician }: { clinician: boolean }) {
  const now = useNow();
  const live = useLiveOperations();
  const config = useConfigStatus();
  return (
    <>
      <Head>
        <ConnectionStatus status={live.status} lastEventAt={live.lastEventAt} now={now} onRetry={live.reconnect} />
      </Head>
      {live.loadError ? <ErrorNotice error={live.loadError} title="Could not load the live state." /> : null}
      {live.status === "error" && live.streamError ? <ErrorNotice error={live.streamError} title="The live stream stopped." /> : null}
      <div className="overview-tiles" data-testid="overview-tiles" data-loaded={String(live.loaded)}>
        <LiveTiles view={live.view} traffic={live.traffic} now={now} liveRevision={config.data?.latest?.number ?? null} />
        <ConfigTile status={config.data} error={config.error} />
        <EscalationsTile now={now} clinician={clinician} />
      </div>
    </>
  );
}

function LimitedOverview({ clinician }: { clinician: boolean }) {
  const now = useNow();
  const config = useConfigStatus();
  return (
    <>
      <Head />
      <p className="notice" data-testid="overview-limited">
        The gateway and traffic tiles are for operators and admins; you are signed in as {clinician ? "a clinician" : "a user without a role"}.
      </p>
      <div className="overview-tiles" data-testid="overview-tiles">
        <ConfigTile status={config.data} error={config.error} />
        {clinician ? <EscalationsTile now={now} clinician /> : null}
      </div>
    </>
  );
}
