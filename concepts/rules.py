"""Who may do what with a concept: predicates composed with django-rules.

Staff read what is published: a concept whose status is published, or one that has a
version not withdrawn (its latest such version is shown while a new draft is written).
Drafts and concepts in review are read, written and submitted by their authors and by
administrators; administrators are the reviewers: they publish, send back and withdraw.

What the predicates read comes with the concept from the selectors: `authors` prefetched
and `has_live_version` annotated, so a page's checks cost no query.
"""

import rules

from labportal.accounts.rules import has_any_role, is_administrator, is_strategic

from .enums import ConceptStatus


def author_ids(concept) -> set[int]:
    return {user.pk for user in concept.authors.all()}


def has_live_version(concept) -> bool:
    flag = getattr(concept, "has_live_version", None)
    if flag is None:
        return concept.versions.live().exists()
    return flag


@rules.predicate
def is_author(user, concept) -> bool:
    if concept is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk in author_ids(concept)


@rules.predicate
def is_published(user, concept) -> bool:
    return concept is not None and (
        concept.status == ConceptStatus.PUBLISHED or has_live_version(concept)
    )


def in_status(status: ConceptStatus):
    @rules.predicate(f"concept_in_status:{status.value}")
    def fn(user, concept) -> bool:
        return concept is not None and concept.status == status

    return fn


is_editor = has_any_role & (is_author | is_administrator)

can_view = is_administrator | (has_any_role & (is_author | is_published))
can_view_work = is_editor  # the working text, its status and every version
can_create = is_strategic | is_administrator
can_edit = is_editor
can_submit = in_status(ConceptStatus.DRAFT) & is_editor
can_publish = in_status(ConceptStatus.REVIEW) & is_administrator
can_return = in_status(ConceptStatus.REVIEW) & is_administrator
can_manage_versions = is_administrator  # withdraw, make public, retry the PDF

rules.add_perm("concepts.view", can_view)
rules.add_perm("concepts.view_work", can_view_work)
rules.add_perm("concepts.create", can_create)
rules.add_perm("concepts.change", can_edit)
rules.add_perm("concepts.submit", can_submit)
rules.add_perm("concepts.publish", can_publish)
rules.add_perm("concepts.return", can_return)
rules.add_perm("concepts.manage_versions", can_manage_versions)
rules.add_perm("concepts.view_publications", is_administrator)
rules.add_perm("concepts.publish_files", is_administrator)  # booklets and fact sheets
