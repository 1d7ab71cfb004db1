"""Who may do what with a change theory. Everyone with a role reads theories; the strategic
level owns them: the owner of the theory's program or track (for a track's theory also the
program's owner) edits it while holding the strategic role, and administrators edit every
theory. The program and track come with the theory (select_related), so a check costs no
query."""

import rules

from labportal.accounts.rules import has_any_role, is_administrator, is_strategic


def owner_ids(theory) -> set[int]:
    if theory.program_id is not None:
        ids = {theory.program.owner_id}
    else:
        ids = {theory.track.owner_id, theory.track.program.owner_id}
    ids.discard(None)
    return ids


@rules.predicate
def owns_theory(user, theory) -> bool:
    return (
        theory is not None
        and getattr(user, "is_authenticated", False)
        and (user.pk in owner_ids(theory))
    )


rules.add_perm("changetheory.view", has_any_role)
rules.add_perm("changetheory.change", is_administrator | (is_strategic & owns_theory))
