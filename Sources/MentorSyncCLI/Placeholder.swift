public enum MentorSyncCLIPlaceholder {}
