package io.dyad.alert.auth;

import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of this request, set by {@link AuthFilter} before any resource method runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new UnauthorizedException("send Authorization: Bearer <API key>");
        }
        return caller;
    }

    /** The caller, who must be an admin (403 otherwise). */
    public Caller requireAdmin() {
        Caller c = get();
        if (!c.isAdmin()) {
            throw new ForbiddenException("this route is for administrators");
        }
        return c;
    }
}
