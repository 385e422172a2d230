import type { TRole } from "@tta/domain";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; roles: TRole[] };
  }
  interface User {
    roles: TRole[];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    roles?: TRole[];
  }
}
