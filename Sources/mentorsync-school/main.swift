print("mentorsync-school")
