module playbook/snippets

go 1.26
