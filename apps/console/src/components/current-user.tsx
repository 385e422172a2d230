"use client";
// The signed-in user, as the server layout loaded it, for components that adapt to roles. The
// server enforces roles on every call; this only hides what a user could not do anyway.
import { createContext, useContext, type ReactNode } from "react";
import type { TRole } from "@tta/domain/browser";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  roles: TRole[];
}

const UserContext = createContext<CurrentUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

export function useCurrentUser() {
  const user = useContext(UserContext);
  if (!user) throw new Error("useCurrentUser outside CurrentUserProvider");
  return { user, isAdmin: user.roles.includes("admin") };
}
