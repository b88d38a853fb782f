public enum MentorSyncDomainPlaceholder {}
