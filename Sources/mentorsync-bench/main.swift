print("mentorsync-bench: not written yet")
