# The web admin (/admin): what city staff see.

admin-title = Admin
admin-nav-label = Admin menu
admin-nav-dashboard = Dashboard
admin-nav-drafts = Drafts and schedule
admin-nav-moderation = Moderation
admin-nav-users = Users
admin-view-site = Public site
admin-log-out = Log out
admin-logged-in-as = { $name } ({ $role })
admin-role-admin = administrator
admin-role-editor = editor
admin-back-dashboard = Back to the dashboard
admin-none = Nothing here yet.
admin-save = Save
admin-error-title = Error
admin-error-forbidden = Not allowed
admin-error-refused = That could not be done
admin-errors-summary = { $count ->
    [one] The form has { $count } problem:
   *[other] The form has { $count } problems:
}

# Logging in
admin-login-title = Log in
admin-login-intro = For the city's staff. Citizens do not need an account to follow or reply.
admin-field-name = Name
admin-field-password = Password
admin-login-submit = Log in
admin-login-failed = Wrong name or password, or the account is disabled.
admin-login-too-many = Too many failed attempts. Try again in a quarter of an hour.
admin-login-expired = The form had expired. Please try again.
admin-logged-out = You have logged out.

# What was just done
admin-done-published = Published.
admin-done-saved = Saved.
admin-done-scheduled = Scheduled: it will be published at the time you chose.
admin-done-deleted = Deleted. Its address now says it is gone, and followers' servers are told to remove it.
admin-done-discarded = Draft discarded.
admin-done-pinned = Pinned to the profile.
admin-done-unpinned = Unpinned.
admin-done-decided = Done.
admin-done-followed = Follow request sent.
admin-done-unfollowed = No longer followed.
admin-done-policy = Federation policy saved.
admin-done-user = User saved.

# Dashboard
admin-dashboard-write = Write
admin-new-news = New news item
admin-new-event = New event
admin-new-document = New document
admin-dashboard-attention = Needs attention
admin-dashboard-awaiting = replies awaiting moderation
admin-dashboard-requests = follow requests to decide
admin-dashboard-queued = deliveries waiting
admin-dashboard-failing = servers not receiving
admin-dashboard-scheduled = Scheduled
admin-dashboard-recent = Latest published

# Lists
admin-col-title = Title
admin-col-published = Published
admin-col-publishes = Publishes
admin-col-actions = Actions
admin-col-state = State
admin-edit = Edit
admin-view = View
admin-pin = Pin
admin-unpin = Unpin
admin-pinned = Pinned
admin-delete = Delete
admin-discard = Discard draft
admin-not-scheduled = Not scheduled
admin-draft-failed = Could not be published:
admin-drafts-intro = Drafts are kept here and shown nowhere else until they are published. A scheduled draft is published at its time, even if the server restarts in between.

# Writing
admin-edit-heading = Edit “{ $title }”
admin-draft-heading = Draft “{ $title }”
admin-field-actor = Published by
admin-texts-legend = Texts
admin-texts-hint = Write in as many languages as you can. Leave a language empty to skip it.
admin-field-title = Title
admin-field-summary = Summary
admin-field-body = Text
admin-field-body-hint = Markdown: **bold**, *italic*, [link](https://…), lists starting with -, headings starting with ##.
admin-preview-title = Preview
admin-field-tags = Tags
admin-field-tags-hint = Separated by commas, without #.
admin-field-hero = Image
admin-hero-current = The current image stays unless you choose another file.
admin-field-image-file = Image file (PNG, JPEG, GIF or WebP)
admin-field-hero-alt = Text alternative of the image
admin-field-hero-alt-hint = Describe what the image shows for people who cannot see it. Required with an image.
admin-event-legend = When and where
admin-field-starts = Starts
admin-field-ends = Ends
admin-field-all-day = All-day event (only the dates count)
admin-field-timezone = Time zone
admin-field-timezone-hint = Such as Europe/Rome or Europe/Brussels.
admin-field-place = Place
admin-field-address = Address
admin-field-online = Online at (web address)
admin-field-status = Status
admin-document-legend = The document
admin-file-current = Current file:
admin-field-file = File (PDF or image)
admin-field-file-hint = A new file with a new version number makes a new version; earlier versions stay public.
admin-field-file-name = Name of the file for readers
admin-field-version = Version
admin-field-adopted = Adopted on
admin-field-license = Licence
admin-field-license-hint = An SPDX identifier, such as CC-BY-4.0.
admin-schedule-legend = Publish later
admin-field-publish-at = Publish at
admin-field-publish-at-hint = Needed only to schedule.
admin-field-schedule-tz = Time zone of that time
admin-action-publish = Publish now
admin-action-update = Save changes
admin-action-schedule = Schedule
admin-action-draft = Save as draft
admin-action-preview = Preview

# Network
admin-follow-heading = Follow an account
admin-field-handle = Account (@name@server or web address)
admin-follow = Follow
admin-requests-heading = Follow requests
admin-approve = Approve
admin-reject = Reject
admin-followers-heading = Followers
admin-following-heading = Following
admin-follow-pending = waiting for an answer
admin-follow-accepted = accepted
admin-follow-rejected = refused
admin-unfollow = Unfollow
admin-federation-heading = Federation policy
admin-federation-mode = Mode
admin-mode-open = Open: every server
admin-mode-blocklist = Every server except blocked ones
admin-mode-allowlist = Only allowed servers
admin-domains-heading = Listed servers
admin-rule-allow = allowed
admin-rule-block = blocked
admin-unlist = Remove from the list
admin-field-domain = Server (domain)
admin-field-rule = Rule
admin-list-domain = Add to the list
admin-deliveries-heading = Deliveries
admin-deliveries-queued = waiting
admin-deliveries-sending = being sent
admin-deliveries-failed = failed for good
admin-deliveries-done = delivered
admin-deliveries-healthy = Every server is receiving what the city publishes.
admin-deliveries-failing = Servers with failed deliveries
admin-deliveries-paused = Servers left alone for now
admin-col-host = Server
admin-col-failing = Failing
admin-col-last-error = Last error
admin-col-paused-until = Paused until

# Moderation
admin-queue-heading = Replies awaiting moderation
admin-queue-empty = No reply is waiting.
admin-replying-to = In reply to
admin-block-author = Block the author
admin-reports-heading = Reports
admin-resolve = Mark as resolved
admin-col-question = Question
admin-col-ends = Ends
admin-col-voters = Voters
admin-results = Results

# Users
admin-field-role = Role
admin-user-enabled = Active
admin-user-disabled = Disabled
admin-disable = Disable
admin-enable = Enable
admin-user-add = Add a user
