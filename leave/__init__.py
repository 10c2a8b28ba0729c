"""Leave and duty records (cuti, sakit, dinas luar, tugas belajar), below scheduling."""
