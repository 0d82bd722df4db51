"""``python -m flashpoint``: the ``flashpoint`` command, also as a file ``spark-submit`` can run (it runs Python
files, not console scripts): ``spark-submit ... $(python -c 'import flashpoint.__main__ as m; print(m.__file__)')
spark code --input ... --output ...``."""

from flashpoint.cli.main import main

if __name__ == "__main__":
    main(prog_name="flashpoint")
