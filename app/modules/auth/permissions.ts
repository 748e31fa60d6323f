// Typed permissions: the server decides with these, the UI only hides with them.
export const roles = ["member", "moderator", "admin"] as const;
export type Role = (typeof roles)[number];

export const permissionsByRole = {
  member: ["use:account"],
  moderator: [
    "use:account",
    "view:beheer",
    "confirm:institution",
    "publish:article",
    "run:matching",
    "import:survey",
  ],
  admin: [
    "use:account",
    "view:beheer",
    "confirm:institution",
    "publish:article",
    "run:matching",
    "import:survey",
    "manage:users",
  ],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof permissionsByRole)[Role][number];

export const roleRank: Record<Role, number> = { member: 1, moderator: 2, admin: 3 };

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (permissionsByRole[role] as readonly string[]).includes(permission);
}

export function hasRole(role: Role | null | undefined, needed: Role): boolean {
  return role ? roleRank[role] >= roleRank[needed] : false;
}
