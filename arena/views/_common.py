"""What every staff view of the arena app starts with."""

from arena.access import FACILITATOR_ONLY, STAFF_ROLES, Role, get_staff_arena


def staff_arena(request, slug, *, write=False):
    """The arena for a member; writes that change the set-up are for facilitators only,
    project leads read. Anyone else gets 404."""
    arena, role = get_staff_arena(request, slug, roles=FACILITATOR_ONLY if write else STAFF_ROLES)
    arena.can_change = role == Role.FACILITATOR
    return arena


def is_write(request):
    return request.method == "POST"
